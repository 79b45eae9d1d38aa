package org.agreementledger.importing.app;

import java.util.List;
import org.agreementledger.listing.CurrentAgreements;
import org.agreementledger.listing.RecordedPublication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/publications}: every publication the ledger recorded, with its state and report. */
@RestController
class PublicationController {

    private final CurrentAgreements ledger;

    PublicationController(CurrentAgreements ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/api/publications")
    List<RecordedPublication> publications() {
        return ledger.publications();
    }
}
