package io.mediajobs.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ResponseStatusException;

class CurrentUserIdResolverTest {

    private final CurrentUserIdResolver resolver = new CurrentUserIdResolver();

    @SuppressWarnings("unused")
    void handler(@CurrentUserId String userId, String other, @CurrentUserId Integer wrongType) {
    }

    private static MethodParameter parameter(int index) throws NoSuchMethodException {
        Method method = CurrentUserIdResolverTest.class.getDeclaredMethod("handler", String.class, String.class,
                Integer.class);
        return new MethodParameter(method, index);
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void onlyAnnotatedStringParametersAreResolved() throws Exception {
        assertThat(resolver.supportsParameter(parameter(0))).isTrue();
        assertThat(resolver.supportsParameter(parameter(1))).isFalse();
        assertThat(resolver.supportsParameter(parameter(2))).isFalse();
    }

    @Test
    void theUserIdIsTheTokensSubject() throws Exception {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice").build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));

        assertThat(resolver.resolveArgument(parameter(0), null, null, null)).isEqualTo("alice");
    }

    @Test
    void withoutABearerTokenItIsA401() throws Exception {
        assertThatThrownBy(() -> resolver.resolveArgument(parameter(0), null, null, null))
                .isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED));
    }
}
