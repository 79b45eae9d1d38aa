package org.agreementledger.agreement.app;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.agreementledger.visibility.AcknowledgedWrites;
import org.agreementledger.visibility.Acknowledgement;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Appends to and reads from one agreement's history. Agreement ids contain '#': send it as %23. An
 * append is answered once the reports hold it ({@link AcknowledgedWrites}).
 */
@RestController
@RequestMapping("/api/agreements")
class AgreementController {

    private final AgreementLedger ledger;
    private final AgreementHistory history;
    private final AcknowledgedWrites writes;

    AgreementController(AgreementLedger ledger, AgreementHistory history, AcknowledgedWrites writes) {
        this.ledger = ledger;
        this.history = history;
        this.writes = writes;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> sign(@RequestBody AgreementRequests.Sign body) {
        Acknowledgement<String> signed = writes.append(() -> ledger.sign(body.toCommand()));
        URI location = UriComponentsBuilder.fromPath("/api/agreements/{id}/history").buildAndExpand(signed.result())
                .encode().toUri();
        return ResponseEntity.created(location).headers(signed.headers()).body(Map.of("agreementId", signed.result()));
    }

    @PostMapping("/{agreementId}/model-changes")
    ResponseEntity<Map<String, String>> changeModel(@PathVariable String agreementId,
                                                    @RequestBody AgreementRequests.ChangeModel body) {
        return amended(agreementId, () -> ledger.changeModel(body.toCommand(agreementId)));
    }

    @PostMapping("/{agreementId}/withdrawals")
    ResponseEntity<Map<String, String>> withdraw(@PathVariable String agreementId,
                                                 @RequestBody AgreementRequests.Withdraw body) {
        return amended(agreementId, () -> ledger.withdraw(body.toCommand(agreementId)));
    }

    @PostMapping("/{agreementId}/corrections")
    ResponseEntity<Map<String, String>> correct(@PathVariable String agreementId,
                                                @RequestBody AgreementRequests.Correct body) {
        return amended(agreementId, () -> ledger.correct(body.toCommand(agreementId)));
    }

    private ResponseEntity<Map<String, String>> amended(String agreementId, Runnable append) {
        Supplier<String> appended = () -> {
            append.run();
            return agreementId;
        };
        return ResponseEntity.ok().headers(writes.append(appended).headers()).body(Map.of("agreementId", agreementId));
    }

    @GetMapping("/{agreementId}/history")
    List<HistoryEntry> history(@PathVariable String agreementId) {
        return history.of(agreementId);
    }
}
