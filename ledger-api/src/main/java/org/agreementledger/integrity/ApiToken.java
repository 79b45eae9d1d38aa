package org.agreementledger.integrity;

import java.time.Instant;

/** A token as listed: never its secret, which the ledger does not keep. */
public record ApiToken(String id, Role role, String name, Instant createdAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
