package org.agreementledger.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat refuses some requests itself, before Spring sees them (a NUL or an encoded '\' in the
 * path, a malformed request line), and by default answers with an HTML page. This valve answers
 * those with a problem document like every other refusal. It reveals nothing: no stack trace,
 * no server version.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status == 400 ? "the request was refused before it reached the ledger: a malformed URL"
                + " (a NUL, an encoded '\\' or an invalid escape) or request line" : title;
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"about:blank\",\"title\":\"" + title
                        + "\",\"status\":" + status + ",\"detail\":\"" + detail.replace("\\", "\\\\") + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response committed: nothing more to say
        }
    }
}
