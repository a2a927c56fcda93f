package org.movierec.serving.user;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * A user as the API shows them (never their password hash). Platform users have a name, e-mail and
 * creation time; users imported from MovieLens have none of these but may have demographics.
 */
record UserResponse(long id, String origin, @Schema(types = {"string", "null"}) String name,
                    @Schema(types = {"string", "null"}) String email,
                    @Schema(types = {"string", "null"}) Instant createdAt,
                    @Schema(types = {"string", "null"}) String gender, @Schema(types = {"integer", "null"}) Integer age,
                    @Schema(types = {"string", "null"}) String occupation) {
}
