package org.agreementledger.listing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The table writes of one batch of events, sent when the batch ends, as few statements as their order
 * allows. Each write names the one row it changes (its key). Writes to different rows commute: the
 * listing's tables have no trigger, no foreign key, and no unique constraint across rows that these
 * writes could break in one order and not in another. So a write keeps its place only after the
 * earlier writes of its own row: it goes in round n when its row had n - 1 writes before it, and each
 * round sends its writes grouped by statement, one JDBC batch a statement (signings as multi-row
 * INSERTs).
 *
 * <p>Sent in their original order instead, an import whose signings and amendments alternate paid a
 * statement per run of like writes: 277 on average for a 2,500-event transaction of the bench's
 * history at 100k, where the rounds send 4.2. The append's commit took 5 microseconds an event less
 * (33.2-33.7 against 38.4-38.8, two runs each; issue 18).
 */
final class BatchedWrites {

    record Write(Object row, String sql, Object[] arguments) {
    }

    private final JdbcTemplate jdbc;
    private final List<Write> writes = new ArrayList<>();

    BatchedWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a write of the row {@code row} (any key equal for the same row of the same table). */
    void add(Object row, String sql, Object... arguments) {
        writes.add(new Write(row, sql, arguments));
    }

    void flush() {
        for (Map<String, List<Object[]>> round : rounds(writes)) {
            round.forEach((sql, arguments) -> {
                if (arguments.size() == 1) {
                    jdbc.update(sql, arguments.get(0));
                } else {
                    jdbc.batchUpdate(sql, arguments);
                }
            });
        }
        writes.clear();
    }

    /**
     * The writes in rounds: round n holds each row's n-th write, grouped by statement (statements and
     * their arguments in the order they first appear). Every row's writes keep their order.
     */
    static List<Map<String, List<Object[]>>> rounds(List<Write> writes) {
        List<Map<String, List<Object[]>>> rounds = new ArrayList<>();
        Map<Object, Integer> writesOfRow = new HashMap<>();
        for (Write write : writes) {
            int round = writesOfRow.merge(write.row(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new LinkedHashMap<>());
            }
            rounds.get(round).computeIfAbsent(write.sql(), sql -> new ArrayList<>()).add(write.arguments());
        }
        return rounds;
    }
}
