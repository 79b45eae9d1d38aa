package org.agreementledger.agreement.app;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.agreementledger.api.AgreementAmendment;
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
@Tag(name = "Agreements", description = "Appends (archivists) and each agreement's history (public)")
record AgreementController(AgreementLedger ledger, AgreementHistory history, AcknowledgedWrites writes) {

    @PostMapping
    @Operation(summary = "Append the signing of an agreement", description = "Answered once the reports hold"
            + " it; the agreement's id is {agencyId}#{MODEL}#{signedOn}, fixed at signing.",
            responses = @ApiResponse(responseCode = "201", description = "signed: {\"agreementId\"}, Location its"
                    + " history"))
    ResponseEntity<Map<String, String>> sign(@RequestBody AgreementRequests.Sign body) {
        Acknowledgement<String> signed = writes.appendSingle(() -> ledger.sign(body.toCommand()));
        URI location = UriComponentsBuilder.fromPath("/api/agreements/{id}/history").buildAndExpand(signed.result())
                .encode().toUri();
        return ResponseEntity.created(location).headers(signed.headers()).body(Map.of("agreementId", signed.result()));
    }

    @PostMapping("/{agreementId}/model-changes")
    @Operation(summary = "Append a change of an agreement's support model", description = "expectedVersion,"
            + " when given, refuses the change (409) if anything was appended to the agreement since.")
    ResponseEntity<Map<String, String>> changeModel(@PathVariable String agreementId,
                                                    @RequestBody AgreementRequests.ChangeModel body) {
        return amended(body.toCommand(agreementId));
    }

    @PostMapping("/{agreementId}/withdrawals")
    @Operation(summary = "Append the withdrawal of an agreement", description = "expectedVersion, when given,"
            + " refuses the withdrawal (409) if anything was appended to the agreement since.")
    ResponseEntity<Map<String, String>> withdraw(@PathVariable String agreementId,
                                                 @RequestBody AgreementRequests.Withdraw body) {
        return amended(body.toCommand(agreementId));
    }

    @PostMapping("/{agreementId}/corrections")
    @Operation(summary = "Append a correction of one of an agreement's facts", description = "oldValue must be"
            + " the value the ledger holds now; the correction reaches back over all valid time once known.")
    ResponseEntity<Map<String, String>> correct(@PathVariable String agreementId,
                                                @RequestBody AgreementRequests.Correct body) {
        return amended(body.toCommand(agreementId));
    }

    private ResponseEntity<Map<String, String>> amended(AgreementAmendment command) {
        Acknowledgement<String> amended = writes.appendSingle(() -> {
            ledger.amend(command);
            return command.agreementId();
        });
        return ResponseEntity.ok().headers(amended.headers()).body(Map.of("agreementId", amended.result()));
    }

    @GetMapping("/{agreementId}/history")
    @Operation(summary = "Every event of an agreement, oldest first", description = "With effectiveOn, knownOn,"
            + " the instant the ledger appended it and its source. Write # as %23 in the id.")
    List<HistoryEntry> history(@PathVariable String agreementId) {
        return history.of(agreementId);
    }
}
