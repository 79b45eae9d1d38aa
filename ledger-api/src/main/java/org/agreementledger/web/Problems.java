package org.agreementledger.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds the problem documents the API answers with. */
public final class Problems {

    private Problems() {
    }

    /** 503 while the database is out: the detail says what happened and when to ask again. */
    public static ProblemDetail databaseUnavailable(String detail) {
        return of(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable", detail, null);
    }

    public static ProblemDetail of(HttpStatus status, String title, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}
