package io.mediajobs.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a controller's {@code String} parameter to the authenticated user's id: the access token's {@code sub}
 * (resolved by {@link CurrentUserIdResolver}). Never null or blank: tokens without a usable {@code sub} are refused
 * with 401 before any controller runs ({@link RequiredClaims}).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CurrentUserId {
}
