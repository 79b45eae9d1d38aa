package org.agreementledger.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds the problem documents the API answers with. */
public final class Problems {

    private Problems() {
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
