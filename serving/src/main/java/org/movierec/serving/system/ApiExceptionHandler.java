package org.movierec.serving.system;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every refused request into an RFC 7807 problem detail: invalid fields, parameters and bodies
 * become a 400 naming the field or parameter (listed under {@code errors}), a control character in any text
 * among them too ({@link ControlCharacters}), unknown things a 404,
 * clashes a 409, a limit reached a 429 with {@code Retry-After}, a database that cannot be reached a 503 with
 * {@code Retry-After} ({@link DatabaseOutages}). The rest of Spring MVC's own exceptions keep their status, answered the
 * same way.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<ProblemDetail> tooManyRequests(TooManyRequestsException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }

    /** The database is down or dropped the connection: 503, to be tried again after {@code Retry-After} seconds. */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            TransactionSystemException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e, HttpServletRequest request) {
        if (!DatabaseOutages.unavailable(e)) {
            throw e;   // a transaction that failed for another reason: the error page's 500
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutages.RETRY_AFTER_SECONDS))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutages.detail(e, request.getMethod())));
    }

    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalidParameter(InvalidParameterException e) {
        return invalid(List.of(new FieldProblem(e.parameter(), e.getMessage().substring(e.parameter().length() + 2))));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getBindingResult().getAllErrors().stream()
                .map(error -> new FieldProblem(error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        error.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(invalid(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldProblem(
                        parameterName(result.getMethodParameter().getParameterName(), error), error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(invalid(problems));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        if (cause(e, ControlCharacters.RefusedParameter.class) != null) {
            return ResponseEntity.badRequest().body(invalid(List.of(new FieldProblem(String.valueOf(name),
                    ControlCharacters.RULE))));
        }
        Class<?> type = e.getRequiredType();
        String expected = type == null ? "another type" : describe(type);
        return ResponseEntity.badRequest().body(invalid(List.of(new FieldProblem(String.valueOf(name),
                "must be %s, got '%s'".formatted(expected, e.getValue())))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JacksonException json = cause(e, JacksonException.class);
        if (json == null) {
            return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                    "The request body is missing or is not JSON"));
        }
        String field = json.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.isEmpty()) {
            return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                    "The request body is not valid JSON: " + firstLine(json.getOriginalMessage())));
        }
        String message = json instanceof PlainTextDeserializer.ControlCharacterInBody ? ControlCharacters.RULE
                : json instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? "must be " + describe(mismatch.getTargetType())
                : "cannot be read: " + firstLine(json.getOriginalMessage());
        return ResponseEntity.badRequest().body(invalid(List.of(new FieldProblem(field, message))));
    }

    private static String parameterName(String parameter, MessageSourceResolvable error) {
        return error instanceof FieldError field ? field.getField() : String.valueOf(parameter);
    }

    private static ProblemDetail invalid(List<FieldProblem> problems) {
        String detail = problems.stream().map(p -> p.field() + ": " + p.message()).sorted()
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request: " + detail);
        problem.setProperty("errors", problems.stream().map(p -> Map.of("field", p.field(), "message", p.message()))
                .toList());
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number (" + (type == Integer.class || type == int.class ? "32" : "64") + "-bit)";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private record FieldProblem(String field, String message) {
    }
}
