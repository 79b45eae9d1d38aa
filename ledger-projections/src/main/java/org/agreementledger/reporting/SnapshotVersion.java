package org.agreementledger.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
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
        SnapshotVersion row = stored(version.agencyId(), version.state(), version.model(), version.agencyType(),
                (int) version.validFrom().toEpochDay(), epochDay(version.validTo()),
                (int) version.knownFrom().toEpochDay(), epochDay(version.knownTo()));
        return row.isEmpty() ? null : row;
    }

    /**
     * The report table's columns a row here is read from ({@link #read}), as a select list: its
     * stretches' bounds as days from 1970-01-01, an open upper bound null.
     */
    static final String COLUMNS = """
            agency_id, state, model, agency_type,
            lower(valid) - date '1970-01-01', upper(valid) - date '1970-01-01',
            lower(known) - date '1970-01-01', upper(known) - date '1970-01-01'""";

    /** The row at the cursor of a result whose first columns are {@link #COLUMNS}. */
    static SnapshotVersion read(ResultSet row) throws SQLException {
        return stored(row.getString(1), UsState.valueOf(row.getString(2)), SupportModel.valueOf(row.getString(3)),
                row.getString(4), row.getInt(5), row.getObject(6, Integer.class), row.getInt(7),
                row.getObject(8, Integer.class));
    }

    /**
     * A row as the report table gives it, days counted from 1970-01-01: a null upper bound (an
     * open range, {@code upper(valid)} is null) is {@link InForceIndex#OPEN} here.
     */
    static SnapshotVersion stored(String agencyId, UsState state, SupportModel model, String agencyType,
                                  int validFrom, Integer validTo, int knownFrom, Integer knownTo) {
        return new SnapshotVersion(agencyId, state, model, agencyType, validFrom,
                validTo == null ? InForceIndex.OPEN : validTo, knownFrom, knownTo == null ? InForceIndex.OPEN : knownTo);
    }

    private static Integer epochDay(java.time.LocalDate date) {
        return date == null ? null : (int) date.toEpochDay();
    }

    boolean isEmpty() {
        return validFrom >= validTo || knownFrom >= knownTo;
    }
}
