package org.movierec.serving.user;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * A user as the API shows them (never their password hash). Platform users have a name, e-mail and
 * creation time; users imported from MovieLens have none of these but may have demographics.
 */
record UserResponse(long id, String origin, @Schema(nullable = true) String name, @Schema(nullable = true) String email,
                    @Schema(nullable = true) Instant createdAt, @Schema(nullable = true) String gender,
                    @Schema(nullable = true) Integer age, @Schema(nullable = true) String occupation) {
}
