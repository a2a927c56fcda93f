package org.movierec.serving.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Finds the account behind a login: the administrator from configuration, else a platform user by
 * e-mail (whatever its case). MovieLens users have no password and cannot log in.
 */
@RetriedRead
@Service
class AccountDetailsService implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(AccountDetailsService.class);

    private final JdbcClient jdbc;
    private final AccountPrincipal admin;

    AccountDetailsService(JdbcClient jdbc, AdminProperties adminProperties, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        if (adminProperties.configured()) {
            this.admin = AccountPrincipal.admin(adminProperties.username(), encoder.encode(adminProperties.password()));
        } else {
            this.admin = null;
            log.warn("No administrator: set SERVING_ADMIN_USERNAME and SERVING_ADMIN_PASSWORD "
                    + "(serving.admin.username, serving.admin.password) to have one");
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        if (admin != null && admin.getUsername().equals(username)) {
            return admin;
        }
        return jdbc.sql("""
                        select user_id, email, password_hash from users
                         where lower(email) = lower(:email) and password_hash is not null""")
                .param("email", username)
                .query((rs, row) -> AccountPrincipal.user(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no account for this e-mail"));
    }
}
