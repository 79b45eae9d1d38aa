package org.agreementledger.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.junit.jupiter.api.Test;

/**
 * A snapshot that applies batches to its overlay answers as arrays built afresh from the rows the
 * batches leave (counts at random points, timelines as known on random days), and its overlay's
 * size is how many rows those differ from the arrays' by; so does its fold. Batches remove rows
 * agencies hold, add rows to them and to new agencies (of a type the arrays lack too), take
 * agencies back to their arrays' rows exactly and empty them.
 */
class SnapshotOverlayTest {

    private static final int BASE = (int) LocalDate.of(2020, 1, 1).toEpochDay();
    private static final UsState[] STATES = {UsState.TX, UsState.FL, UsState.GA, UsState.PR};
    private static final String[] TYPES = {"County", "City", "State"};

    private final SplittableRandom random = new SplittableRandom(18);

    @Test
    void batchesAppliedToTheOverlayAnswerAsArraysBuiltAfresh() throws ReportSnapshot.Unfit {
        for (int history = 0; history < 8; history++) {
            Map<SnapshotVersion, Integer> arraysRows = new HashMap<>();
            int agencies = 1 + random.nextInt(60);
            for (int a = 0; a < agencies; a++) {
                for (int v = 0; v < 1 + random.nextInt(4); v++) {
                    arraysRows.merge(row(a, TYPES[random.nextInt(TYPES.length)]), 1, Integer::sum);
                }
            }
            InForceIndex arrays = build(arraysRows, 1);
            ReportSnapshot snapshot = ReportSnapshot.of(arrays, 1, 0);
            Map<SnapshotVersion, Integer> rows = new HashMap<>(arraysRows);
            for (int batch = 0; batch < 40; batch++) {
                List<SnapshotVersion> removed = new ArrayList<>();
                List<SnapshotVersion> added = new ArrayList<>();
                Map<SnapshotVersion, Integer> left = new HashMap<>(rows);
                for (int k = 0; k < random.nextInt(4); k++) {
                    List<SnapshotVersion> held = left.keySet().stream().sorted(ORDER).toList();
                    if (!held.isEmpty()) {
                        SnapshotVersion row = held.get(random.nextInt(held.size()));
                        removed.add(row);
                        left.merge(row, -1, Integer::sum);
                        left.remove(row, 0);
                    }
                }
                for (int k = 0; k < random.nextInt(4); k++) {
                    // an agency of the arrays or a new one; now and then a type no array holds
                    int agency = random.nextInt(agencies + 5);
                    added.add(row(agency, random.nextInt(10) == 0 ? "Tribal" : TYPES[random.nextInt(TYPES.length)]));
                }
                if (random.nextInt(5) == 0 && !removed.isEmpty()) {
                    added.add(removed.get(0)); // taken back in the same batch
                }
                snapshot = snapshot.with(new SnapshotChange(0, batch, removed, added));
                removed.forEach(row -> rows.merge(row, -1, Integer::sum));
                added.forEach(row -> rows.merge(row, 1, Integer::sum));
                rows.values().removeIf(times -> times == 0);
                assertThat(snapshot.overlay().rows()).as("rows differing after batch %s", batch)
                        .isEqualTo(differs(rows, arraysRows));
                assertAnswersAlike(snapshot, build(rows, batch));
            }
            ReportSnapshot folded = snapshot.folded();
            assertThat(folded.overlay().isEmpty()).isTrue();
            assertAnswersAlike(folded, build(rows, 0));
        }
    }

    @Test
    void aBatchThatRemovesARowNoAgencyHoldsOrPutsAnAgencyInTwoStatesIsRefused() {
        Map<SnapshotVersion, Integer> arraysRows = Map.of(row(0, "County"), 1);
        ReportSnapshot snapshot = ReportSnapshot.of(build(arraysRows, 1), 1, 0);
        SnapshotVersion notHeld = new SnapshotVersion("agency-0", STATES[0], SupportModel.WSO, "County", BASE, BASE + 9,
                BASE, InForceIndex.OPEN);
        assertThatThrownBy(() -> snapshot.with(new SnapshotChange(0, 1, List.of(notHeld), List.of())))
                .isInstanceOf(ReportSnapshot.Unfit.class).hasMessageContaining("agency-0");
        SnapshotVersion inTexas = new SnapshotVersion("agency-new", UsState.TX, SupportModel.JEM, "City", BASE, BASE + 9,
                BASE, InForceIndex.OPEN);
        SnapshotVersion inFlorida = new SnapshotVersion("agency-new", UsState.FL, SupportModel.JEM, "City", BASE,
                BASE + 9, BASE, InForceIndex.OPEN);
        assertThatThrownBy(() -> snapshot.with(new SnapshotChange(0, 1, List.of(), List.of(inTexas, inFlorida))))
                .isInstanceOf(ReportSnapshot.Unfit.class).hasMessageContaining("agency-new");
    }

    /** Rows in an order of their own (a map's is not one), so a seed gives the same history. */
    private static final Comparator<SnapshotVersion> ORDER = Comparator.comparing(SnapshotVersion::agencyId)
            .thenComparing(SnapshotVersion::toString);

    /** A random row of agency {@code a} (always in the same state), within a span of 200 days. */
    private SnapshotVersion row(int a, String type) {
        int validFrom = BASE + random.nextInt(200);
        int validTo = random.nextInt(4) == 0 ? InForceIndex.OPEN : validFrom + 1 + random.nextInt(100);
        int knownFrom = BASE + random.nextInt(200);
        int knownTo = random.nextInt(2) == 0 ? InForceIndex.OPEN : knownFrom + 1 + random.nextInt(100);
        return new SnapshotVersion("agency-" + a, STATES[a % STATES.length],
                SupportModel.values()[random.nextInt(3)], type, validFrom, validTo, knownFrom, knownTo);
    }

    private static InForceIndex build(Map<SnapshotVersion, Integer> rows, long revision) {
        InForceIndex.Builder builder = new InForceIndex.Builder(revision);
        rows.keySet().stream().sorted(ORDER).forEach(row -> builder.add(row, rows.get(row)));
        return builder.build();
    }

    private static long differs(Map<SnapshotVersion, Integer> rows, Map<SnapshotVersion, Integer> arrays) {
        Map<SnapshotVersion, Integer> difference = new HashMap<>(rows);
        arrays.forEach((row, times) -> difference.merge(row, -times, Integer::sum));
        return difference.values().stream().mapToLong(Math::abs).sum();
    }

    private void assertAnswersAlike(ReportSnapshot snapshot, InForceIndex afresh) {
        for (int q = 0; q < 30; q++) {
            LocalDate asOf = LocalDate.ofEpochDay(BASE - 10 + random.nextInt(330));
            LocalDate knownAt = LocalDate.ofEpochDay(BASE - 10 + random.nextInt(330));
            assertThat(snapshot.counts(asOf, knownAt)).as("at %s known %s", asOf, knownAt)
                    .isEqualTo(afresh.counts(asOf, knownAt));
        }
        List<LocalDate> days = IntStream.range(0, 40).mapToObj(k -> LocalDate.ofEpochDay(BASE - 10 + 8 * k)).toList();
        LocalDate knownAt = LocalDate.ofEpochDay(BASE + random.nextInt(320));
        assertThat(snapshot.timeline(days, knownAt)).as("timeline known %s", knownAt)
                .isEqualTo(afresh.timeline(days, knownAt));
    }
}
