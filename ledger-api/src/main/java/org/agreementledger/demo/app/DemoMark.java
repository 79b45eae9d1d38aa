package org.agreementledger.demo.app;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Whether the demo history in this ledger was loaded whole: a row of {@code demo_loaded} (Flyway
 * {@code V13__demo_loaded.sql}), written in the transaction of the load's last batch.
 */
@Repository
class DemoMark {

    /** What was loaded. */
    record Loaded(long seed, long agreements, long events) {
    }

    private final JdbcTemplate jdbc;

    DemoMark(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Loaded> find() {
        return jdbc.query("select seed, agreements, events from demo_loaded order by loaded_at limit 1",
                (row, n) -> new Loaded(row.getLong(1), row.getLong(2), row.getLong(3))).stream().findFirst();
    }

    /** In the caller's transaction: the last batch's, so the mark and the history's end commit together. */
    void record(Loaded loaded) {
        jdbc.update("insert into demo_loaded (seed, agreements, events) values (?, ?, ?)", loaded.seed(),
                loaded.agreements(), loaded.events());
    }
}
