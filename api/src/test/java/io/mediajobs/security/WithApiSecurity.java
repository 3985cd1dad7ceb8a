package io.mediajobs.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import io.mediajobs.common.ApiErrorWriter;

/**
 * For a {@code @WebMvcTest} slice of a controller outside this package: the application's own filter chain and
 * 401/403 envelope. Requests authenticate with {@code SecurityMockMvcRequestPostProcessors.jwt()}, so the decoder
 * (which the chain needs to exist) is a mock that is never called; a request without {@code jwt()} meets the real
 * 401 path.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import({SecurityConfig.class, JsonAuthenticationErrors.class, ApiErrorWriter.class})
@MockitoBean(types = JwtDecoder.class)
public @interface WithApiSecurity {
}
