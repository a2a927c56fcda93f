package org.movierec.serving.system;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform users who may log in, by e-mail (whatever its case): the read behind each password check of
 * {@link AccountDetailsService}, a bean so that it is a {@link RetriedRead} like the other reads (a login met by a
 * database restart is not refused for it).
 */
@Component
class PlatformAccounts {

    private final JdbcClient jdbc;

    PlatformAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user with this e-mail and a password, with the token generation now; empty when there is none. */
    @RetriedRead
    Optional<AccountPrincipal> withPassword(String email) {
        return jdbc.sql("""
                        select user_id, email, password_hash, coalesce(token_generation, 0) from users
                         where lower(email) = lower(:email) and password_hash is not null""")
                .param("email", email)
                .query((rs, row) -> AccountPrincipal.user(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4)))
                .optional();
    }
}
