package io.mediajobs.security;

import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.mediajobs.common.ApiException;
import io.mediajobs.common.ApiResponse;
import io.mediajobs.common.Timestamps;

/** {@code POST /api/dev/token {"userId":"alice"}}: exists only when dev auth is on. */
@RestController
@ConditionalOnProperty(name = "mediajobs.dev-auth.enabled", havingValue = "true")
class DevTokenController {

    private static final Pattern USER_ID = Pattern.compile("^[A-Za-z0-9._@-]{1,128}$");

    private final DevTokenIssuer issuer;

    DevTokenController(DevTokenIssuer issuer) {
        this.issuer = issuer;
    }

    record TokenRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String userId) {
    }

    /** {@code data} of a token request: the bearer token and when it expires. */
    record IssuedTokenData(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String token,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time") String expiresAt) {
    }

    @PostMapping("/api/dev/token")
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirements // open: this is where a dev token comes from
    ApiResponse<IssuedTokenData> token(@RequestBody TokenRequest request) {
        if (request == null || request.userId() == null || request.userId().isBlank()) {
            throw ApiException.badRequest("userId is required");
        }
        if (!USER_ID.matcher(request.userId()).matches()) {
            throw ApiException.badRequest("userId must be 1-128 characters of letters, digits, '.', '_', '@' or '-'");
        }
        DevTokenIssuer.IssuedToken token = issuer.issue(request.userId());
        return ApiResponse.ok(new IssuedTokenData(token.token(), Timestamps.iso(token.expiresAt())));
    }
}
