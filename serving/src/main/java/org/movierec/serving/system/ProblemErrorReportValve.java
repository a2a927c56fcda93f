package org.movierec.serving.system;

import java.io.IOException;
import java.io.PrintWriter;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.MediaType;

/**
 * Tomcat's last word on a request as a problem detail, in place of its HTML error page: what Tomcat refuses before the
 * application sees the request (request headers over {@code server.max-http-request-header-size}, 8 KB, which is left
 * as it is; a request line or URI it cannot read: a 400 whose detail gives Tomcat's reason and the rule) and any error
 * no one else answered.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    private static final int MAX_MESSAGE = 200;

    /** What a 400 of Tomcat's adds to its message: the rule it applies. */
    private final String readable;

    ProblemErrorReportValve(long maxHeaderBytes) {
        this.readable = "the request line and headers must follow HTTP/1.1 and take at most "
                + (maxHeaderBytes % 1024 == 0 ? maxHeaderBytes / 1024 + " KB" : maxHeaderBytes + " bytes")
                + " together";
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String message = response.getMessage();
        if ((message == null || message.isBlank()) && throwable != null) {
            message = throwable.getMessage();
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                String detail = detail(status, message);
                writer.write(ProblemWriter.json(status, status == 400 ? detail + " (" + readable + ")" : detail, null));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body: nothing more to say
        }
    }

    /** The detail of an error answered outside the API's own handlers: the server's message for a client error. */
    static String detail(int status, String message) {
        if (status >= 500) {
            return "The server failed to answer this request";
        }
        if (message == null || message.isBlank()) {
            return "The request was refused";
        }
        String text = message.strip();
        return "The request was refused: " + (text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text);
    }
}
