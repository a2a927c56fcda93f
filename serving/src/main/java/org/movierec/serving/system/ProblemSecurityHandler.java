package org.movierec.serving.system;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers security refusals as problem details: 401 when the credentials are missing or wrong
 * (with the HTTP Basic challenge, and the bearer one for a bad token), 429 with {@code Retry-After} when a password was
 * not checked for too many failed logins ({@link LoginThrottle}), 403 when a known account asks for what is not theirs;
 * 503 when the account cannot be looked up for want of the database ({@link DatabaseOutages}).
 */
@Component
class ProblemSecurityHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof TooManyLoginsException throttled) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            write(request, response, HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage());
            return;
        }
        if (DatabaseOutages.unavailable(e)) {   // the account could not be looked up
            DatabaseOutages.answer(request, response, e, request.getRequestURI());
            return;
        }
        String presented = request.getHeader(HttpHeaders.AUTHORIZATION);
        String detail;
        if (presented == null) {
            detail = "This endpoint needs credentials: log in with your e-mail and password (HTTP Basic) "
                    + "or send a bearer token from POST /api/auth/token";
        } else if (bearer(presented)) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            detail = "The bearer token is not valid or has expired: get a new one with POST /api/auth/token";
        } else {
            detail = "The credentials are not valid: log in with your e-mail and password (HTTP Basic)";
        }
        challenge(request, response);
        write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    /**
     * The entry point of {@code POST /api/auth/token}, which takes the password only: a bearer token there, valid
     * or not, is told the rule rather than that it is invalid; anything else is answered as by {@link #commence}.
     */
    AuthenticationEntryPoint passwordOnly() {
        return (request, response, e) -> {
            if (!bearer(request.getHeader(HttpHeaders.AUTHORIZATION))) {
                commence(request, response, e);
                return;
            }
            challenge(request, response);
            write(request, response, HttpStatus.UNAUTHORIZED, "POST /api/auth/token needs the account's password, "
                    + "not a bearer token (a token cannot buy a newer one): log in with your e-mail and password "
                    + "(HTTP Basic)");
        };
    }

    private static boolean bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static void challenge(HttpServletRequest request, HttpServletResponse response) {
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            // A browser answers a Basic challenge with its own login dialog, even to a script's request: scripts that
            // say so (the web page) get none, as Spring Security's own HTTP Basic does.
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"movierec\"");
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN,
                "This account may not access " + request.getRequestURI() + ": users reach only their own account and ratings");
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            String detail) throws IOException {
        ProblemWriter.write(response, status.value(), detail, request.getRequestURI());
    }
}
