package org.agreementledger.agreement;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Appends to and reads from one agreement's history. Agreement ids contain '#': send it as %23. */
@RestController
@RequestMapping("/api/agreements")
class AgreementController {

    private final AgreementLedger ledger;
    private final AgreementHistory history;

    AgreementController(AgreementLedger ledger, AgreementHistory history) {
        this.ledger = ledger;
        this.history = history;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> sign(@RequestBody AgreementRequests.Sign body) {
        String agreementId = ledger.sign(body.toCommand());
        URI location = UriComponentsBuilder.fromPath("/api/agreements/{id}/history").buildAndExpand(agreementId)
                .encode().toUri();
        return ResponseEntity.created(location).body(Map.of("agreementId", agreementId));
    }

    @PostMapping("/{agreementId}/model-changes")
    Map<String, String> changeModel(@PathVariable String agreementId, @RequestBody AgreementRequests.ChangeModel body) {
        ledger.changeModel(body.toCommand(agreementId));
        return Map.of("agreementId", agreementId);
    }

    @PostMapping("/{agreementId}/withdrawals")
    Map<String, String> withdraw(@PathVariable String agreementId, @RequestBody AgreementRequests.Withdraw body) {
        ledger.withdraw(body.toCommand(agreementId));
        return Map.of("agreementId", agreementId);
    }

    @PostMapping("/{agreementId}/corrections")
    Map<String, String> correct(@PathVariable String agreementId, @RequestBody AgreementRequests.Correct body) {
        ledger.correct(body.toCommand(agreementId));
        return Map.of("agreementId", agreementId);
    }

    @GetMapping("/{agreementId}/history")
    List<HistoryEntry> history(@PathVariable String agreementId) {
        return history.of(agreementId);
    }
}
