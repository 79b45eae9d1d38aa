package org.agreementledger.reporting;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which generation of the report tables reports read ({@code published}) and which the projection
 * writes ({@code building}). They differ only while a rebuild is under way. Each generation is a
 * partition of {@code report_agreement_version} of its own (V9), so an old one is dropped whole.
 */
@Component
public class ReportGenerations {

    /** Reports read this inside their own statement, so one answer never mixes two generations. */
    static final String PUBLISHED = "(select published from report_generation where id = 1)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    ReportGenerations(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public int published() {
        return jdbc.queryForObject("select published from report_generation where id = 1", Integer.class);
    }

    public int building() {
        return jdbc.queryForObject("select building from report_generation where id = 1", Integer.class);
    }

    public boolean rebuilding() {
        return published() != building();
    }

    /** The table that holds one generation's versions: a partition of report_agreement_version. */
    static String partition(int generation) {
        return "report_agreement_version_" + generation;
    }

    /**
     * Starts a generation for the projection to write, in the caller's transaction; reports go on
     * reading the published one. Its partition is the caller's to create (GenerationLoader).
     */
    int startBuilding() {
        return transactions.execute(status -> {
            int next = jdbc.queryForObject("select greatest(published, building) + 1 from report_generation "
                    + "where id = 1 for update", Integer.class);
            jdbc.update("update report_generation set building = ? where id = 1", next);
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
                "update report_generation set published = ? where id = 1 and building = ?", generation, generation));
        if (switched != null && switched == 1) {
            dropGenerationsBefore(generation);
        }
    }

    /**
     * Detaches each older generation's partition concurrently (it waits for the reads still using
     * it, and blocks none: a plain DROP would lock the whole table while they finish), then drops
     * it. A detach interrupted earlier is finished first. Not in a transaction: a concurrent detach
     * cannot run in one.
     */
    private void dropGenerationsBefore(int generation) {
        List<Map<String, Object>> older = jdbc.queryForList("""
                select c.relname as name, i.inhdetachpending as pending
                from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = 'report_agreement_version'::regclass
                  and substring(c.relname from '^report_agreement_version_([0-9]+)$')::integer < ?""", generation);
        for (Map<String, Object> partition : older) {
            String name = (String) partition.get("name");
            jdbc.execute("alter table report_agreement_version detach partition " + name
                    + (Boolean.TRUE.equals(partition.get("pending")) ? " finalize" : " concurrently"));
            jdbc.execute("drop table " + name);
        }
    }
}
