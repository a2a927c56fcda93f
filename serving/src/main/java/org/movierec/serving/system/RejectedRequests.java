package org.movierec.serving.system;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers what Spring Security's firewall ({@code StrictHttpFirewall}) refuses before anything else sees the request,
 * as problem details (Spring Security uses the one {@link RequestRejectedHandler} bean): a method the firewall does not
 * let through ({@code QUERY}, {@code PROPFIND}...) is a 405 whose {@code Allow} lists the methods of that path; a path
 * that is not normalised ({@code /../}, {@code /./}, {@code //}, an encoded {@code .} or {@code /}, {@code ;}) or a
 * header or parameter it refuses is a 400 saying what it refused.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

    /** The methods the firewall lets through (its default list). */
    private static final Set<String> PASSED = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private static final int MAX_REASON = 200;

    private final AllowedMethods allowed;

    RejectedRequests(AllowedMethods allowed) {
        this.allowed = allowed;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        String instance = request.getRequestURI();
        if (!PASSED.contains(request.getMethod())) {
            String allow = allowed.at(request.getRequestURI());
            response.setHeader(HttpHeaders.ALLOW, allow);
            ProblemWriter.write(response, HttpStatus.METHOD_NOT_ALLOWED.value(), "This API does not answer the "
                    + "method " + request.getMethod() + "; this path takes " + allow, instance);
            return;
        }
        ProblemWriter.write(response, HttpStatus.BAD_REQUEST.value(), reason(e) + ". Send paths normalised: "
                + "no '.' or '..' segments, no '//', no encoded '/', '\\', '.' or '%', no ';', and no control "
                + "characters in the path or the headers", instance);
    }

    /** The firewall's reason, without its final full stop and cut short (it may quote a header). */
    private static String reason(RequestRejectedException e) {
        String reason = String.valueOf(e.getMessage()).strip();
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON) + "...";
        }
        return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    }
}
