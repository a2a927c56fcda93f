package org.movierec.serving.system;

import org.springframework.stereotype.Component;

/** Limits sign-ups per client address ({@code serving.login.sign-ups-per-address} per {@code sign-up-window}). */
@Component
public class SignUpThrottle {

    private final KeyedLimits addresses;

    SignUpThrottle(LoginProperties properties) {
        this.addresses = new KeyedLimits(properties.signUpsPerAddress(), properties.signUpWindow());
    }

    /** Counts a sign-up from the address, or throws (a 429) when the address has none left. */
    public void admit(String address) {
        long wait = addresses.take(address);
        if (wait > 0) {
            throw new TooManyRequestsException("Too many sign-ups from this address: try again in " + wait + " s",
                    wait);
        }
    }
}
