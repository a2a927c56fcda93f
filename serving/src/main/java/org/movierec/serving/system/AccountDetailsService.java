package org.movierec.serving.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Finds the account behind a login, with its token generation now: the administrator from configuration, else a
 * platform user by e-mail (whatever its case, {@link PlatformAccounts}, a read retried once on a broken connection).
 * MovieLens users have no password and cannot log in. Not a bean:
 * {@link PasswordLogins} makes the one that Spring Security's password check uses.
 */
class AccountDetailsService implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(AccountDetailsService.class);

    private final PlatformAccounts accounts;
    private final TokenGenerations generations;
    private final AccountPrincipal admin;

    AccountDetailsService(PlatformAccounts accounts, AdminProperties adminProperties, PasswordEncoder encoder,
            TokenGenerations generations) {
        this.accounts = accounts;
        this.generations = generations;
        if (adminProperties.configured()) {
            this.admin = AccountPrincipal.admin(adminProperties.username(), encoder.encode(adminProperties.password()),
                    0);
        } else {
            this.admin = null;
            log.warn("No administrator: set SERVING_ADMIN_USERNAME and SERVING_ADMIN_PASSWORD "
                    + "(serving.admin.username, serving.admin.password) to have one");
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        if (admin != null && admin.getUsername().equals(username)) {
            return AccountPrincipal.admin(admin.getUsername(), admin.getPassword(), generations.admin(username));
        }
        return accounts.withPassword(username)
                .orElseThrow(() -> new UsernameNotFoundException("no account for this e-mail"));
    }
}
