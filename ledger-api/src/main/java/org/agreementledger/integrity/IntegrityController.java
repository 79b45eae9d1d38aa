package org.agreementledger.integrity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.agreementledger.progress.Progress;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/ledger/digest} (public): the chain's tip, to keep. {@code GET /api/ledger/verify}: the
 * chain recomputed from the stored events, optionally proving an earlier {@code digest} is a
 * prefix. A tampered ledger is still a 200: the answer is the report, {@code intact} false.
 */
@RestController
@RequestMapping("/api/ledger")
@Tag(name = "Integrity", description = "The hash chain over the event store: its tip (public) and its verification"
        + " (auditors)")
record IntegrityController(LedgerChain chain) {

    @GetMapping("/digest")
    @Operation(summary = "The hash chain's tip, HASH@POSITION, to keep", description = "Keep it anywhere: verify"
            + " with this digest later proves the ledger's first POSITION events are still exactly those.")
    DigestBody digest() {
        return DigestBody.of(chain.digest());
    }

    @GetMapping("/verify")
    @Operation(summary = "The hash chain recomputed from the stored events", description = "Optionally proving an"
            + " earlier digest (HASH@POSITION) a prefix. A tampered ledger is still a 200: intact says.")
    VerificationBody verify(@RequestParam(required = false) String digest) {
        Digest earlier = digest == null ? null : Digest.parse("digest", digest);
        return VerificationBody.of(chain.verify(earlier, Progress.NONE));
    }

    record DigestBody(long position, String hash, String digest) {
        static DigestBody of(Digest digest) {
            return new DigestBody(digest.position(), digest.hash(), digest.toString());
        }
    }

    record VerificationBody(boolean intact, long linksChecked, DigestBody tip, long findingCount,
                            java.util.List<Finding> findings, long pendingEvents,
                            Verification.DigestCheck digestCheck) {
        static VerificationBody of(Verification verification) {
            return new VerificationBody(verification.intact(), verification.linksChecked(),
                    DigestBody.of(verification.tip()), verification.findingCount(), verification.findings(),
                    verification.pendingEvents(), verification.digestCheck());
        }
    }
}
