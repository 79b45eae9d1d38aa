package org.agreementledger.importing.app;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.agreementledger.listing.CurrentAgreements;
import org.agreementledger.listing.RecordedPublication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/publications}: every publication the ledger recorded, with its state and report. */
@RestController
@Tag(name = "Imports")
record PublicationController(CurrentAgreements ledger) {

    @GetMapping("/api/publications")
    @Operation(summary = "Every publication the ledger recorded, with its state (applied, held, released or"
            + " rejected) and its import report")
    List<RecordedPublication> publications() {
        return ledger.publications();
    }
}
