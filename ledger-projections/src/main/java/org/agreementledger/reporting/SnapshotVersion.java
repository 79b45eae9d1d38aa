package org.agreementledger.reporting;

import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;

/**
 * One row of the published report table as counts and timelines see it: the agency it is counted
 * under, where, which model and agency type, and its two stretches as epoch days (upper bounds
 * exclusive, {@link InForceIndex#OPEN} for still open). Two rows equal here count alike, whichever
 * agreement they belong to, so a change to the snapshot can remove "a row like this" from an
 * agency without knowing which agreement's it was.
 */
record SnapshotVersion(String agencyId, UsState state, SupportModel model, String agencyType, int validFrom,
                       int validTo, int knownFrom, int knownTo) {

    SnapshotVersion {
        agencyType = Counts.agencyTypeOf(agencyType);
    }

    /** From a version the projection writes; null when its stretches are empty (SQL never counts it). */
    static SnapshotVersion of(AgreementVersion version) {
        SnapshotVersion row = new SnapshotVersion(version.agencyId(), version.state(), version.model(),
                version.agencyType(), (int) version.validFrom().toEpochDay(), day(version.validTo()),
                (int) version.knownFrom().toEpochDay(), day(version.knownTo()));
        return row.isEmpty() ? null : row;
    }

    private static int day(java.time.LocalDate date) {
        return date == null ? InForceIndex.OPEN : (int) date.toEpochDay();
    }

    boolean isEmpty() {
        return validFrom >= validTo || knownFrom >= knownTo;
    }

    /** In force on epoch day {@code day} as known on epoch day {@code known}. */
    boolean holds(int day, int known) {
        return validFrom <= day && day < validTo && knownFrom <= known && known < knownTo;
    }
}
