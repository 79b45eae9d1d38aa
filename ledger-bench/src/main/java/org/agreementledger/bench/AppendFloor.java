package org.agreementledger.bench;

import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.agreementledger.progress.Progress;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The append's floor (issue 18): what the database charges for a correct append before any Java
 * runs. The same stored events, their columns as the append wrote them, inserted by one JDBC batch
 * per transaction (as many events a transaction as the append's) into {@code domainevententry} of a
 * fresh ledger database on the same server, migrated as the application's (so with its indexes, the
 * chain's triggers and every other trigger), and in the same transaction the listing's
 * {@code current_agreement} row of each event's agreement: a batch of INSERTs for the agreements the
 * transaction signs and one of UPDATEs for those its other events change (the row as it ends).
 * pgjdbc rewrites the batches as the application's pool does. Two partial variants, each on a fresh
 * database too, split the cost per row: the store with its triggers off (session_replication_role
 * replica: the table and its three indexes only) and the store with the chain but no listing row.
 */
final class AppendFloor {

    /** An event's stored columns (all but the global index, which the database draws). */
    record Row(String eventId, String aggregateId, long sequence, String type, String timestamp, String payloadType,
               String payloadRevision, byte[] payload, byte[] metadata) {
    }

    /** The listing's row of an agreement, as it ends. */
    record Listing(String agreementId, String agencyId, String state, String agencyName, String county,
                   String agencyType, String model, Date signedOn, String moaLink, boolean inForce) {
    }

    /**
     * Seconds for every transaction, and for those after the first {@code warmUp} (the append's
     * judged part: the same rows).
     */
    record Timing(double seconds, double warmSeconds) {
        /** The mean of two runs of the same variant. */
        Timing mean(Timing other) {
            return new Timing((seconds + other.seconds) / 2, (warmSeconds + other.warmSeconds) / 2);
        }
    }

    enum Variant {
        /** domainevententry, its triggers off: the heap and its three unique indexes. */
        STORE_INDEXES_ONLY,
        /** domainevententry with every trigger: indexes and the chain. */
        STORE_CHAINED,
        /** The floor: store, chain and the listing row. */
        FLOOR
    }

    private static final String INSERT_EVENT = """
            insert into domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                payloadtype, payloadrevision, payload, metadata) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** An agreement's first event (sequence 0) lists it, as the listing projection does on a signing. */
    private static final String INSERT_LISTING = """
            insert into current_agreement (agreement_id, agency_id, state, agency_name, county, agency_type, model,
                signed_on, moa_link, in_force) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Any later event changes its row (here every column to the row as it ends: one UPDATE an event). */
    private static final String UPDATE_LISTING = """
            update current_agreement set agency_id = ?, state = ?, agency_name = ?, county = ?, agency_type = ?,
                model = ?, signed_on = ?, moa_link = ?, in_force = ? where agreement_id = ?""";

    private final DataSource dataSource;
    private final Flyway flyway;
    private final Progress progress;
    private final int batch;
    private final int warmUp;
    private int databases;

    AppendFloor(DataSource dataSource, Flyway flyway, Progress progress, int batch, int warmUp) {
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.progress = progress;
        this.batch = batch;
        this.warmUp = warmUp;
    }

    /** The stored events in append order. */
    static List<Row> rows(JdbcTemplate jdbc) {
        return jdbc.query("""
                        select eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype,
                            payloadrevision, payload, metadata
                        from domainevententry order by globalindex""",
                (r, n) -> new Row(r.getString(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getString(7), r.getBytes(8), r.getBytes(9)));
    }

    /** The listing as it ends, by agreement (the aggregate's identifier). */
    static Map<String, Listing> listing(JdbcTemplate jdbc) {
        Map<String, Listing> rows = new HashMap<>();
        jdbc.query("""
                select agreement_id, agency_id, state, agency_name, county, agency_type, model, signed_on, moa_link,
                    in_force from current_agreement""", (ResultSet r) -> {
            rows.put(r.getString(1), new Listing(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                    r.getString(5), r.getString(6), r.getString(7), r.getDate(8), r.getString(9), r.getBoolean(10)));
        });
        return rows;
    }

    /** Time to insert {@code rows} as {@code variant} into a fresh ledger database, dropped after. */
    Timing time(Variant variant, List<Row> rows, Map<String, Listing> listing) throws SQLException {
        String name = "bench_floor_" + (++databases);
        String url;
        String user;
        try (Connection admin = dataSource.getConnection(); Statement ddl = admin.createStatement()) {
            ddl.execute("create database " + name);
            url = admin.getMetaData().getURL().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
            user = admin.getMetaData().getUserName();
        }
        try {
            Flyway.configure().configuration(flyway.getConfiguration()).dataSource(url, user, null).load().migrate();
            Properties properties = new Properties();
            properties.setProperty("user", user);
            properties.setProperty("reWriteBatchedInserts", "true");
            try (Connection connection = DriverManager.getConnection(url, properties)) {
                if (variant == Variant.STORE_INDEXES_ONLY) {
                    try (Statement set = connection.createStatement()) {
                        set.execute("set session_replication_role = replica");
                    }
                }
                connection.setAutoCommit(false);
                progress.start("append floor: " + variant.name().toLowerCase().replace('_', ' ') + " ("
                        + batch + " events a transaction)", rows.size());
                long started = System.nanoTime();
                long warmStarted = started;
                try (PreparedStatement events = connection.prepareStatement(INSERT_EVENT);
                     PreparedStatement listed = connection.prepareStatement(INSERT_LISTING);
                     PreparedStatement changed = connection.prepareStatement(UPDATE_LISTING)) {
                    for (int from = 0; from < rows.size(); from += batch) {
                        if (from == warmUp * batch) {
                            warmStarted = System.nanoTime();
                        }
                        List<Row> transaction = rows.subList(from, Math.min(rows.size(), from + batch));
                        int inserts = 0;
                        int updates = 0;
                        for (Row row : transaction) {
                            events.setString(1, row.eventId());
                            events.setString(2, row.aggregateId());
                            events.setLong(3, row.sequence());
                            events.setString(4, row.type());
                            events.setString(5, row.timestamp());
                            events.setString(6, row.payloadType());
                            events.setString(7, row.payloadRevision());
                            events.setBytes(8, row.payload());
                            events.setBytes(9, row.metadata());
                            events.addBatch();
                            Listing entry = variant == Variant.FLOOR ? listing.get(row.aggregateId()) : null;
                            if (entry == null) {
                                continue;
                            }
                            if (row.sequence() == 0) {
                                listed.setString(1, entry.agreementId());
                                listed.setString(2, entry.agencyId());
                                listed.setString(3, entry.state());
                                listed.setString(4, entry.agencyName());
                                listed.setString(5, entry.county());
                                listed.setString(6, entry.agencyType());
                                listed.setString(7, entry.model());
                                listed.setDate(8, entry.signedOn());
                                listed.setString(9, entry.moaLink());
                                listed.setBoolean(10, entry.inForce());
                                listed.addBatch();
                                inserts++;
                            } else {
                                changed.setString(1, entry.agencyId());
                                changed.setString(2, entry.state());
                                changed.setString(3, entry.agencyName());
                                changed.setString(4, entry.county());
                                changed.setString(5, entry.agencyType());
                                changed.setString(6, entry.model());
                                changed.setDate(7, entry.signedOn());
                                changed.setString(8, entry.moaLink());
                                changed.setBoolean(9, entry.inForce());
                                changed.setString(10, entry.agreementId());
                                changed.addBatch();
                                updates++;
                            }
                        }
                        events.executeBatch();
                        if (inserts > 0) {
                            listed.executeBatch();
                        }
                        if (updates > 0) {
                            changed.executeBatch();
                        }
                        connection.commit();
                        progress.advance(from + transaction.size());
                    }
                }
                Timing timing = new Timing(Bench.seconds(started), Bench.seconds(warmStarted));
                progress.finish();
                check(connection, variant, rows.size());
                return timing;
            }
        } finally {
            try (Connection admin = dataSource.getConnection(); Statement ddl = admin.createStatement()) {
                ddl.execute("drop database if exists " + name);
            }
        }
    }

    /** Every row arrived, and (but with triggers off) every one was linked. */
    private static void check(Connection connection, Variant variant, long rows) throws SQLException {
        try (Statement count = connection.createStatement();
             ResultSet result = count.executeQuery("select (select count(*) from domainevententry),"
                     + " (select count(*) from ledger_chain)")) {
            result.next();
            long linked = variant == Variant.STORE_INDEXES_ONLY ? 0 : rows;
            if (result.getLong(1) != rows || result.getLong(2) != linked) {
                throw new IllegalStateException(variant + ": " + result.getLong(1) + " events and " + result.getLong(2)
                        + " links stored, expected " + rows + " and " + linked);
            }
        }
        connection.commit();
    }
}
