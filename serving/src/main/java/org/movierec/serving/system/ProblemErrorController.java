package org.movierec.serving.system;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * The error page ({@code /error}, where the servlet container sends every {@code sendError} and every exception that
 * leaves the filters) as a problem detail, in place of Spring Boot's own JSON or HTML: what reaches it is, for
 * instance, Tomcat's 405 to {@code TRACE} (with {@code Allow} listing the path's methods, see {@link AllowedMethods}).
 * A client error keeps the container's message; a server error says only
 * that it is one (the exception is logged where it happened), except that one for want of the database is a 503 with
 * {@code Retry-After} ({@link DatabaseOutages}).
 */
@Controller
@Hidden
class ProblemErrorController implements ErrorController {

    private final AllowedMethods allowed;

    ProblemErrorController(AllowedMethods allowed) {
        this.allowed = allowed;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (status == HttpStatus.INTERNAL_SERVER_ERROR.value()
                && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable e
                && DatabaseOutages.unavailable(e)) {
            // a database read of a filter, say
            DatabaseOutages.answer(request, response, e, uri == null ? null : uri.toString());
            return;
        }
        if (status == HttpStatus.METHOD_NOT_ALLOWED.value() && uri != null) {
            response.setHeader(HttpHeaders.ALLOW, allowed.at(uri.toString()));   // the path's, not the servlet's
        }
        ProblemWriter.write(response, status, ProblemErrorReportValve.detail(status,
                (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE)), uri == null ? null : uri.toString());
    }
}
