package org.movierec.serving.insight;

import org.movierec.serving.system.ControlCharacters;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 7807 problem details for the insight controllers only: an invalid, missing or mistyped
 * parameter is a 400 and an unknown name or title a 404, each with a {@code parameter} property
 * naming the request parameter ({@code query} for a query string that cannot be decoded); a 404
 * also carries {@code suggestions}. Ordered first, so a general handler elsewhere does not take these.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = {CatalogInsightController.class, TmdbInsightController.class})
class InsightProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalid(InvalidParameterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("parameter", e.parameter());
        return problem;
    }

    @ExceptionHandler(UnknownValueException.class)
    ProblemDetail unknown(UnknownValueException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setProperty("parameter", e.parameter());
        problem.setProperty("suggestions", e.suggestions());
        return problem;
    }

    /** A query string Tomcat cannot decode ({@code %ZZ}, a cut UTF-8 sequence): refused, not failed. */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ProblemDetail undecodable(org.apache.tomcat.util.http.InvalidParameterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "query: expected parameters in UTF-8, percent-encoded (%XX with two hexadecimal digits)");
        problem.setProperty("parameter", "query");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String parameter = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        String found = e.getValue() == null ? "" : e.getValue().toString();
        if (e.getCause() instanceof ControlCharacters.RefusedParameter) {
            InvalidParameterException refused = new InvalidParameterException(parameter,
                    "a text without control characters", found);
            return handleExceptionInternal(e, invalid(refused), headers, HttpStatus.BAD_REQUEST, request);
        }
        Class<?> type = e.getRequiredType();
        String expected = type == Integer.class || type == int.class ? "a whole number"
                : type == Double.class || type == double.class ? "a number" : "a value of another type";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "%s: expected %s, found '%s'".formatted(parameter, expected, InvalidParameterException.echo(found)));
        problem.setProperty("parameter", parameter);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "%s: required (%s), but missing or empty".formatted(e.getParameterName(), e.getParameterType()));
        problem.setProperty("parameter", e.getParameterName());
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }
}
