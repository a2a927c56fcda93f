package org.movierec.serving.system;

import org.springframework.security.core.AuthenticationException;

/** A login refused unchecked: too many failed ones for the account or from the address; a 429 with Retry-After. */
class TooManyLoginsException extends AuthenticationException {

    private final long retryAfterSeconds;

    TooManyLoginsException(String detail, long retryAfterSeconds) {
        super(detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
