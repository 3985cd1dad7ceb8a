package io.mediajobs.web;

import java.io.IOException;
import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.mediajobs.common.ApiException;

/**
 * The web app (built from {@code web/} into {@code classpath:/static} by the Maven build): {@code GET /} is its
 * {@code index.html}, revalidated on every load ({@code no-cache}), so a new release is picked up at once; the
 * bundles it names live under {@code /assets/} with content-hashed names and are cached for a year
 * ({@code immutable}). Both are public (SecurityConfig): the app signs in by itself.
 */
@RestController
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // the worker profile has no web layer
class WebAppController implements WebMvcConfigurer {

    private static final Resource INDEX = new ClassPathResource("static/index.html");

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> index(ServletWebRequest request) {
        if (!INDEX.exists()) {
            throw ApiException.notFound("The web app is not part of this build (built with -Dweb.skip?)");
        }
        if (request.checkNotModified(lastModified())) {
            return null; // 304, headers set by checkNotModified
        }
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .contentType(MediaType.TEXT_HTML)
                .body(INDEX);
    }

    /** The build time of index.html (revalidation with If-Modified-Since), or -1 where the jar does not say. */
    private static long lastModified() {
        try {
            return INDEX.lastModified();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }
}
