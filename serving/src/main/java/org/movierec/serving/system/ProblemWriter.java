package org.movierec.serving.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 7807 problem detail straight to a response, for the refusals answered before or outside Spring MVC:
 * security ({@link ProblemSecurityHandler}), the request firewall ({@link RejectedRequests}), the error page
 * ({@link ProblemErrorController}) and Tomcat itself ({@link ProblemErrorReportValve}).
 */
final class ProblemWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemWriter() {
    }

    /** The problem's JSON: {@code type}, {@code title}, {@code status}, {@code detail}, and {@code instance} when known. */
    static String json(int status, String detail, String instance) {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        return JSON.writeValueAsString(problem);
    }

    /** Sets the status and writes the problem as {@code application/problem+json} (in UTF-8, as JSON is). */
    static void write(HttpServletResponse response, int status, String detail, String instance) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json(status, detail, instance).getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
    }
}
