package org.agreementledger.watching;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/watch}, public: when ICE's page was last checked and what was found; the report page shows it. */
@RestController
@Tag(name = "Watch")
record WatchController(WatchLog watchLog) {

    /**
     * @param last        the latest check, whatever came of it; absent if ICE was never checked
     * @param lastSuccess the latest check that found nothing to act on
     * @param lastFailure the latest check that found a problem (its findings say which)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WatchDocument(Check last, Check lastSuccess, Check lastFailure) {
    }

    @GetMapping("/api/watch")
    @Operation(summary = "When ICE's 287(g) page was last checked (bin/ledger watch, or serve's watch) and what was"
            + " found: lists imported, held, or problems such as a page without links or a dead link")
    WatchDocument watch() {
        return new WatchDocument(watchLog.last(Check.WATCH).orElse(null), watchLog.last(Check.WATCH, true).orElse(null),
                watchLog.last(Check.WATCH, false).orElse(null));
    }
}
