package org.movierec.serving.system;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Trades an e-mail and password (HTTP Basic) for a bearer token, so later calls skip the password check. */
@RestController
@Tag(name = "Authentication")
class TokenController {

    private final Tokens tokens;

    TokenController(Tokens tokens) {
        this.tokens = tokens;
    }

    @Operation(summary = "A bearer token for the account logged in with HTTP Basic",
            description = "Send it as `Authorization: Bearer <accessToken>` until it expires (`expiresIn` seconds). "
                    + "Takes the password only: without it, with a wrong one, or with a bearer token instead (a "
                    + "token cannot buy a newer one) the answer is a 401 problem detail.")
    @SecurityRequirement(name = OpenApiConfig.BASIC_AUTH)
    @PostMapping("/api/auth/token")
    Tokens.IssuedToken token(@AuthenticationPrincipal AccountPrincipal account) {
        return tokens.issue(account);
    }
}
