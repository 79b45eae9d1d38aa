package org.agreementledger.listing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The table writes of one batch of events, sent in their order when the batch ends: consecutive
 * writes of the same statement go as one JDBC batch (signings as multi-row INSERTs), so an import
 * of thousands of events pays a round trip per run of like statements instead of one per event.
 */
final class BatchedWrites {

    private record Write(String sql, Object[] arguments) {
    }

    private final JdbcTemplate jdbc;
    private final List<Write> writes = new ArrayList<>();

    BatchedWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(String sql, Object... arguments) {
        writes.add(new Write(sql, arguments));
    }

    void flush() {
        int from = 0;
        while (from < writes.size()) {
            String sql = writes.get(from).sql();
            int to = from + 1;
            while (to < writes.size() && writes.get(to).sql().equals(sql)) {
                to++;
            }
            if (to - from == 1) {
                jdbc.update(sql, writes.get(from).arguments());
            } else {
                jdbc.batchUpdate(sql, writes.subList(from, to).stream().map(Write::arguments).toList());
            }
            from = to;
        }
        writes.clear();
    }
}
