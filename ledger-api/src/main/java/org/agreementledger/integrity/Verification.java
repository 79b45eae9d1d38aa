package org.agreementledger.integrity;

import java.util.List;

/**
 * What recomputing the chain found. {@code findings} lists the first few, in chain order;
 * {@code findingCount} counts them all. {@code digestCheck} is null when no digest was given.
 */
public record Verification(long linksChecked, Digest tip, List<Finding> findings, long findingCount,
                           DigestCheck digestCheck) {

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
