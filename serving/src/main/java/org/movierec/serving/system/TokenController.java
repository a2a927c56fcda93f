package org.movierec.serving.system;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Trades an e-mail and password (HTTP Basic) for a bearer token, so later calls skip the password check; and ends
 * every token of an account (logout).
 */
@RestController
@Tag(name = "Authentication")
class TokenController {

    private final Tokens tokens;
    private final TokenGenerations generations;

    TokenController(Tokens tokens, TokenGenerations generations) {
        this.tokens = tokens;
        this.generations = generations;
    }

    @Operation(summary = "A bearer token for the account logged in with HTTP Basic",
            description = "Send it as `Authorization: Bearer <accessToken>` until it expires (`expiresIn` seconds), "
                    + "the account logs out, its password or e-mail changes, or it is deleted. "
                    + "Takes the password only: without it, with a wrong one, or with a bearer token instead (a "
                    + "token cannot buy a newer one) the answer is a 401 problem detail.")
    @SecurityRequirement(name = OpenApiConfig.BASIC_AUTH)
    @PostMapping("/api/auth/token")
    Tokens.IssuedToken token(@AuthenticationPrincipal AccountPrincipal account) {
        return tokens.issue(account);
    }

    @Operation(summary = "Log out: end every bearer token of the account",
            description = "Every token issued to the account until now is refused from then on, on every instance "
                    + "(on the others within `serving.token.revocation-check`, a second by default), the one sent "
                    + "included; HTTP Basic with the password still works.",
            security = {@SecurityRequirement(name = OpenApiConfig.BASIC_AUTH),
                    @SecurityRequirement(name = OpenApiConfig.BEARER_AUTH)})
    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> logout(@AuthenticationPrincipal AccountPrincipal account) {
        generations.endTokens(account);
        return ResponseEntity.noContent().build();
    }
}
