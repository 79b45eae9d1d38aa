package org.agreementledger.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rounds a batch's writes are sent in: each row's writes in their order, the other rows' free to
 * move. Writes here are modelled by what order could change: each appends its statement's name to
 * its row, so a row's result is the sequence of statements applied to it.
 */
class BatchedWritesTest {

    private static final List<String> STATEMENTS = List.of("insert", "withdraw", "correct", "reinstate");

    @Test
    void everyRowSeesItsWritesInTheirOrder() {
        Random random = new Random(18);
        for (int trial = 0; trial < 500; trial++) {
            List<BatchedWrites.Write> writes = randomWrites(random, 1 + random.nextInt(300), 1 + random.nextInt(40));
            assertThat(applied(rounds(writes))).as("trial %d", trial).isEqualTo(applied(writes));
        }
    }

    @Test
    void aRoundHoldsEachRowOnceAndItsStatementsOnce() {
        Random random = new Random(7);
        List<BatchedWrites.Write> writes = randomWrites(random, 2_500, 2_000);
        List<Map<String, List<Object[]>>> rounds = BatchedWrites.rounds(writes);
        Map<Object, Integer> writesOfRow = new HashMap<>();
        writes.forEach(write -> writesOfRow.merge(write.row(), 1, Integer::sum));
        assertThat(rounds).hasSize(writesOfRow.values().stream().max(Integer::compare).orElseThrow());
        for (Map<String, List<Object[]>> round : rounds) {
            List<Object> rows = round.values().stream().flatMap(List::stream).map(arguments -> arguments[0]).toList();
            assertThat(rows).doesNotHaveDuplicates();
            assertThat(round.keySet().size()).isLessThanOrEqualTo(STATEMENTS.size());
        }
        // alternating statements no longer cost a statement per run: at most one a statement a round
        long statements = rounds.stream().mapToLong(round -> round.keySet().size()).sum();
        assertThat(statements).isLessThanOrEqualTo((long) rounds.size() * STATEMENTS.size());
        assertThat(runs(writes)).isGreaterThan(10 * statements);
    }

    @Test
    void aRowsSecondWriteWaitsForTheRoundAfterItsFirst() {
        List<BatchedWrites.Write> writes = List.of(write("a", "insert"), write("b", "insert"), write("a", "withdraw"),
                write("c", "insert"), write("b", "withdraw"), write("a", "reinstate"));
        List<Map<String, List<Object[]>>> rounds = BatchedWrites.rounds(writes);
        assertThat(rounds).hasSize(3);
        assertThat(rows(rounds.get(0).get("insert"))).containsExactly("a", "b", "c");
        assertThat(rows(rounds.get(1).get("withdraw"))).containsExactly("a", "b");
        assertThat(rows(rounds.get(2).get("reinstate"))).containsExactly("a");
    }

    private static List<BatchedWrites.Write> randomWrites(Random random, int count, int rowCount) {
        List<BatchedWrites.Write> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            writes.add(write("row" + random.nextInt(rowCount), STATEMENTS.get(random.nextInt(STATEMENTS.size()))));
        }
        return writes;
    }

    private static BatchedWrites.Write write(String row, String statement) {
        return new BatchedWrites.Write(row, statement, new Object[] {row});
    }

    /** The writes as the rounds send them, one after another. */
    private static List<BatchedWrites.Write> rounds(List<BatchedWrites.Write> writes) {
        List<BatchedWrites.Write> sent = new ArrayList<>();
        for (Map<String, List<Object[]>> round : BatchedWrites.rounds(writes)) {
            round.forEach((sql, arguments) -> arguments.forEach(a -> sent.add(new BatchedWrites.Write(a[0], sql, a))));
        }
        return sent;
    }

    private static Map<Object, List<String>> applied(List<BatchedWrites.Write> writes) {
        Map<Object, List<String>> rows = new HashMap<>();
        writes.forEach(write -> rows.computeIfAbsent(write.row(), row -> new ArrayList<>()).add(write.sql()));
        return rows;
    }

    private static List<Object> rows(List<Object[]> arguments) {
        return arguments.stream().map(a -> a[0]).toList();
    }

    private static long runs(List<BatchedWrites.Write> writes) {
        long runs = 0;
        String last = null;
        for (BatchedWrites.Write write : writes) {
            if (!write.sql().equals(last)) {
                runs++;
            }
            last = write.sql();
        }
        return runs;
    }
}
