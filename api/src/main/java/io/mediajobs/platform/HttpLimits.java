package io.mediajobs.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request limits the application enforces itself ({@code mediajobs.http.*}); the servlet container's own limits
 * (header and multipart part-header sizes) are {@code server.*} properties.
 *
 * @param maxJsonBody largest JSON request body; larger ones are refused with 413 before they are parsed
 * @param maxUriLength longest request target (path plus query string) in characters; longer ones get 414
 */
@ConfigurationProperties("mediajobs.http")
public record HttpLimits(@DefaultValue("64KB") DataSize maxJsonBody, @DefaultValue("8192") int maxUriLength) {
}
