package org.agreementledger.web;

import org.agreementledger.agreement.app.AgreementConflictException;
import org.agreementledger.api.AgreementNotFoundException;
import org.agreementledger.api.InvalidFieldException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every refusal is an RFC 9457 problem document that names the field at fault in {@code field}. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private final UnexpectedFailures failures;

    ProblemHandler(UnexpectedFailures failures) {
        this.failures = failures;
    }

    /**
     * Whatever no handler below foresaw: the database being away (503, Retry-After) or a failure of the
     * ledger's own (500, logged), as a problem document rather than Spring Boot's error body.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, jakarta.servlet.http.HttpServletRequest request) {
        return failures.answer(e, request.getMethod() + " " + request.getRequestURI(), true);
    }

    @ExceptionHandler(AgreementNotFoundException.class)
    ProblemDetail notFound(AgreementNotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "Agreement not found", e.getMessage(), e.field());
    }

    @ExceptionHandler(org.agreementledger.agency.AgencyNotFoundException.class)
    ProblemDetail agencyNotFound(RuntimeException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "Agency not found", e.getMessage(), "agencyId");
    }

    @ExceptionHandler(InvalidFieldException.class)
    ProblemDetail invalidField(InvalidFieldException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Invalid " + e.field(), e.getMessage(), e.field());
    }

    @ExceptionHandler(org.agreementledger.importing.app.UploadTooLargeException.class)
    ProblemDetail tooLarge(RuntimeException e) {
        return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "Upload too large", e.getMessage(), "file");
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            org.springframework.web.multipart.MaxUploadSizeExceededException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE,
                "Upload too large", "file: the upload is larger than the limit (ledger.imports.max-upload-size)",
                "file"));
    }

    /** 503 while the ledger loads, saying how far it has got; Retry-After unless loading failed. */
    @ExceptionHandler(org.agreementledger.readiness.LedgerNotReadyException.class)
    ResponseEntity<ProblemDetail> notReady(org.agreementledger.readiness.LedgerNotReadyException e) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                e.failed() ? "Ledger failed to load" : "Ledger loading", e.getMessage(), null);
        problem.setProperty("loading", e.loading());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE);
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        return response.body(problem);
    }

    @ExceptionHandler(AgreementConflictException.class)
    ProblemDetail conflict(AgreementConflictException e) {
        return Problems.of(HttpStatus.CONFLICT, "Conflicting append", e.getMessage(), null);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            org.springframework.web.bind.MissingServletRequestParameterException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "Missing " + e.getParameterName(),
                e.getParameterName() + ": is required", e.getParameterName()));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException e,
                                                        HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        String value = e.getValue() == null ? "" : org.agreementledger.api.Fields.abbreviate(e.getValue().toString());
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "Invalid " + field,
                field + ": '" + value + "' has the wrong type or form", field));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return ResponseEntity.badRequest().body(UnreadableBodies.problem(e));
    }
}
