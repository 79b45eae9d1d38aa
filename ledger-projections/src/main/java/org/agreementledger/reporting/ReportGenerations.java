package org.agreementledger.reporting;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which generation of the report tables reports read ({@code published}) and which the projection
 * writes ({@code building}). They differ only while a rebuild is under way.
 */
@Component
public class ReportGenerations {

    /** Reports read this inside their own statement, so one answer never mixes two generations. */
    static final String PUBLISHED = "(select published from report_generation where id = 1)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ReportSnapshots snapshots;

    ReportGenerations(JdbcTemplate jdbc, TransactionTemplate transactions, ReportSnapshots snapshots) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.snapshots = snapshots;
    }

    public int published() {
        return jdbc.queryForObject("select published from report_generation where id = 1", Integer.class);
    }

    public int building() {
        return jdbc.queryForObject("select building from report_generation where id = 1", Integer.class);
    }

    /**
     * The generation being built, whether reports read it (no rebuild under way), and the id of the
     * current database transaction (assigning it one if it has none yet): what a batch of the
     * projection needs, in one round trip. The id as a parameter, so the statement is prepared once a
     * connection and planned once (without parameters it went by the simple protocol, planned every
     * time: 0.03 ms a batch).
     */
    BuildingTransaction buildingInThisTransaction() {
        return jdbc.queryForObject("select building, published = building, pg_current_xact_id()::text::bigint"
                        + " from report_generation where id = ?",
                (row, n) -> new BuildingTransaction(row.getInt(1), row.getBoolean(2), row.getLong(3)), 1);
    }

    /** The generation a batch writes, whether it is the one reports read, and the transaction writing it. */
    record BuildingTransaction(int generation, boolean published, long transactionId) {
    }

    public boolean rebuilding() {
        return published() != building();
    }

    /**
     * Starts an empty generation for the projection to write; reports go on reading the published
     * one, which stands still from now on at {@code publishedPosition}, the global index the
     * processor had taken in when it was stopped for the rebuild (see V11__published_generation_position.sql).
     * A rebuild started over an unfinished one keeps the position noted then: the published
     * generation has not moved since.
     */
    int startBuilding(long publishedPosition) {
        return transactions.execute(status -> {
            int next = jdbc.queryForObject("select greatest(published, building) + 1 from report_generation "
                    + "where id = 1 for update", Integer.class);
            jdbc.update("delete from report_agreement_version where generation >= ?", next);
            jdbc.update("delete from report_agreement_through where generation >= ?", next);
            jdbc.update("update report_generation set building = ?, published_position = case when published = building"
                    + " then ? else published_position end where id = 1", next, publishedPosition);
            return next;
        });
    }

    /**
     * Reports read the generation just built from their next statement on; the older ones are
     * dropped. Does nothing if another rebuild has started since, so a late caller cannot publish a
     * generation that was abandoned.
     */
    void publish(int generation) {
        Integer switched = transactions.execute(status -> jdbc.update(
                "update report_generation set published = ?, published_position = null where id = 1 and building = ?",
                generation, generation));
        if (switched != null && switched == 1) {
            // a snapshot of the old generation must not pass for current, even for the one report
            // whose revision read could be matched by a batch applied meanwhile
            snapshots.setAside("a rebuild published generation " + generation);
            jdbc.update("delete from report_agreement_version where generation < ?", generation);
            jdbc.update("delete from report_agreement_through where generation < ?", generation);
        }
    }
}
