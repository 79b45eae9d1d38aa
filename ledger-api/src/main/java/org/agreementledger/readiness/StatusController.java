package org.agreementledger.readiness;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/status}, public: whether the ledger is ready, loading (how far) or failed (why). */
@RestController
@Tag(name = "Status")
record StatusController(LedgerStatus ledgerStatus) {

    @GetMapping("/api/status")
    @Operation(summary = "Whether the ledger answers reports yet: ready, loading (files done of total, rows/s,"
            + " time left) or failed (why); and how far the reports are behind the event store")
    StatusDocument status() {
        return ledgerStatus.now();
    }
}
