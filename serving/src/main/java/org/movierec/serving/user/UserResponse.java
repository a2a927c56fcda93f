package org.movierec.serving.user;

import java.time.Instant;

/**
 * A user as the API shows them (never their password hash). Platform users have a name, e-mail and
 * creation time; users imported from MovieLens have none of these but may have demographics.
 */
record UserResponse(long id, String origin, String name, String email, Instant createdAt,
        String gender, Integer age, String occupation) {
}
