package org.agreementledger.integrity;

import java.util.List;

/**
 * What recomputing the chain found. {@code findings} lists the first few, in chain order;
 * {@code findingCount} counts them all. {@code pendingEvents} counts events committed while another
 * writer held the chain's lock and not linked yet (V32): their writers link them before they
 * acknowledge, so they are not tampering, and no digest covers them yet. {@code digestCheck} is null
 * when no digest was given.
 */
public record Verification(long linksChecked, Digest tip, List<Finding> findings, long findingCount,
                           long pendingEvents, DigestCheck digestCheck) {

    /** Whether an earlier digest is a prefix of today's ledger, recomputed from the events themselves. */
    public record DigestCheck(Digest digest, boolean holds, String detail) {
    }

    public boolean intact() {
        return findingCount == 0 && (digestCheck == null || digestCheck.holds());
    }

    public Finding firstFinding() {
        return findings.isEmpty() ? null : findings.get(0);
    }
}
