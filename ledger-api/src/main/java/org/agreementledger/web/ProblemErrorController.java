package org.agreementledger.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the servlet container sends an error raised outside Spring MVC (a filter's exception, a
 * {@code sendError} from anywhere): a problem document like every other refusal, in place of Spring
 * Boot's own error body. Tomcat's refusals before any servlet are {@link ProblemErrorReportValve}'s.
 */
@RestController
record ProblemErrorController(UnexpectedFailures failures) implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        String what = request.getMethod() + " " + path;
        ResponseEntity<ProblemDetail> answer;
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            answer = failures.answer(failure, what, false); // the container logged it
        } else {
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            HttpStatus status = code instanceof Integer number && HttpStatus.resolve(number) != null
                    ? HttpStatus.valueOf(number) : HttpStatus.INTERNAL_SERVER_ERROR;
            answer = ResponseEntity.status(status).body(Problems.of(status, status.getReasonPhrase(),
                    what + ": " + status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT), null));
        }
        if (answer.getBody() != null) {
            try {
                answer.getBody().setInstance(java.net.URI.create(path));
            } catch (IllegalArgumentException notAUri) {
                // a path Tomcat let through that is no URI: the problem goes without its instance
            }
        }
        return answer;
    }
}
