package org.agreementledger.api;

import java.time.LocalDate;

/**
 * What every ledger event says besides its own facts: when it took effect in the world
 * ({@code effectiveOn}, valid time), when it became public ({@code knownOn}) and where it came
 * from. When the ledger itself learned it is the event store's timestamp and global index.
 */
public interface AgreementEvent {

    String agreementId();

    LocalDate effectiveOn();

    LocalDate knownOn();

    Source source();

    /** One line a person can read in a history listing. */
    String summary();
}
