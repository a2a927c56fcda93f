package org.movierec.serving.system;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Answers security refusals as problem details: 401 when the credentials are missing or wrong
 * (with the HTTP Basic challenge, and the bearer one for a bad token), 403 when a known account asks for what is not theirs.
 */
@Component
class ProblemSecurityHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    ProblemSecurityHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String presented = request.getHeader(HttpHeaders.AUTHORIZATION);
        String detail;
        if (presented == null) {
            detail = "This endpoint needs credentials: log in with your e-mail and password (HTTP Basic) "
                    + "or send a bearer token from POST /api/auth/token";
        } else if (presented.regionMatches(true, 0, "Bearer ", 0, 7)) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            detail = "The bearer token is not valid or has expired: get a new one with POST /api/auth/token";
        } else {
            detail = "The credentials are not valid: log in with your e-mail and password (HTTP Basic)";
        }
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            // A browser answers a Basic challenge with its own login dialog, even to a script's request: scripts that
            // say so (the web page) get none, as Spring Security's own HTTP Basic does.
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"movierec\"");
        }
        write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN,
                "This account may not access " + request.getRequestURI() + ": users reach only their own account and ratings");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
