package org.movierec.serving.system;

import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Limits failed HTTP Basic logins per login name and per client address ({@code serving.login.failures-per-*}). Every
 * password check takes a permit of both before bcrypt runs, and one that passes gives them back: so only failures
 * count, and attempts made at the same time cannot outrun the limit. With no permit left the login is refused unchecked
 * (a 429 with Retry-After), even with the right password, until the bucket refills; a login remembered as passed
 * ({@link PasswordLogins}) is not checked, so not refused.
 */
@Component
class LoginThrottle {

    private final KeyedLimits accounts;
    private final KeyedLimits addresses;

    LoginThrottle(LoginProperties properties) {
        this.accounts = new KeyedLimits(properties.failuresPerAccount(), properties.failureWindow());
        this.addresses = new KeyedLimits(properties.failuresPerAddress(), properties.failureWindow());
    }

    /** Takes a permit of the login name and of the address, or throws when either has none left. */
    Attempt begin(String username, String address) {
        String account = username.toLowerCase(Locale.ROOT);
        long wait = addresses.take(address);
        if (wait > 0) {
            throw new TooManyLoginsException("Too many failed logins from this address: try again in " + wait + " s",
                    wait);
        }
        wait = accounts.take(account);
        if (wait > 0) {
            addresses.giveBack(address);
            throw new TooManyLoginsException("Too many failed logins for this account: try again in " + wait + " s",
                    wait);
        }
        return () -> {
            accounts.giveBack(account);
            addresses.giveBack(address);
        };
    }

    /** A password check under way: {@link #passed} when it passed, nothing when it failed. */
    interface Attempt {
        void passed();
    }
}
