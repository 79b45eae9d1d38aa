package org.agreementledger.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.junit.jupiter.api.Test;

/**
 * The snapshot's counts from corners against {@link Counts#of} over the same versions (an
 * independent in-memory count), at every day around every bound of hand-made edge cases and at
 * random points of random histories.
 * Against PostgreSQL the snapshot is held by ProjectionPropertyTest (ledger-api).
 */
class InForceCornersTest {

    private static final LocalDate DAY0 = LocalDate.of(2020, 1, 1);

    private final List<AgreementVersion> versions = new ArrayList<>();
    private InForceIndex.Builder builder = new InForceIndex.Builder(1);

    private void version(String agency, UsState state, SupportModel model, String type, int validFrom,
                         Integer validTo, int knownFrom, Integer knownTo) {
        version("agreement-" + versions.size(), agency, state, model, type, validFrom, validTo, knownFrom, knownTo);
    }

    private void version(String agreement, String agency, UsState state, SupportModel model, String type,
                         int validFrom, Integer validTo, int knownFrom, Integer knownTo) {
        versions.add(new AgreementVersion(agreement, agency, agency, state, null, type, model,
                DAY0.plusDays(validFrom), null, DAY0.plusDays(validFrom), validTo == null ? null : DAY0.plusDays(validTo),
                DAY0.plusDays(knownFrom), knownTo == null ? null : DAY0.plusDays(knownTo)));
        long base = DAY0.toEpochDay();
        builder.add(SnapshotVersion.stored(agency, state, model, type, (int) (base + validFrom),
                validTo == null ? null : (int) (base + validTo), (int) (base + knownFrom),
                knownTo == null ? null : (int) (base + knownTo)));
    }

    private void assertSameCounts(InForceIndex index, int day, int known) {
        LocalDate asOf = DAY0.plusDays(day);
        LocalDate knownAt = DAY0.plusDays(known);
        Counts expected = Counts.of(asOf, knownAt, versions.stream().filter(v -> v.covers(asOf, knownAt)).toList());
        assertThat(index.counts(asOf, knownAt)).as("at %s known %s", asOf, knownAt).isEqualTo(expected);
    }

    @Test
    void edgeCasesAtEveryDayAroundTheirBounds() {
        // one agency: JEM and TFM overlapping, then WSO adjacent to JEM's end; JEM amended (back-dated:
        // learnt on day 40 that it had ended on day 20 instead of running on)
        version("A", UsState.TX, SupportModel.JEM, "County", 10, null, 10, 40);
        version("A", UsState.TX, SupportModel.JEM, "County", 10, 20, 40, null);
        version("A", UsState.TX, SupportModel.TFM, "County", 15, 30, 12, null);
        version("A", UsState.TX, SupportModel.WSO, "Sheriff", 20, 25, 20, null);
        // the same model twice at once in one agency: one agency, two agreements
        version("B", UsState.TX, SupportModel.TFM, null, 5, 35, 5, null);
        version("B", UsState.TX, SupportModel.TFM, null, 5, 6, 5, 6); // one day of valid and of known time
        // known before it was valid (signed ahead), and still in force and still known
        version("C", UsState.FL, SupportModel.WSO, "City", 30, null, 25, null);
        // a correction that only changes knowledge: same valid time, known in two stretches
        version("D", UsState.FL, SupportModel.JEM, "County", 0, 50, 0, 33);
        version("D", UsState.FL, SupportModel.JEM, "County", 0, 50, 33, null);
        InForceIndex index = builder.build();
        for (int day = -5; day <= 60; day++) {
            for (int known = -5; known <= 60; known++) {
                assertSameCounts(index, day, known);
            }
        }
        assertSameCounts(index, 100_000, 100_000); // beyond every stored day
        assertSameCounts(index, -100_000, 20);
    }

    /**
     * A rename known from day 40 moves agreement 1 from agency "old" to agency "new", which agreement 2
     * was signed under (known from day 20): two agencies as known on days 20 to 39, one from 40 on,
     * also for days of valid time before 40. One agreement's versions sit in two agencies' runs.
     */
    @Test
    void anAgreementRenamedIntoAnotherAgencyCountsWithItFromTheDayTheRenameIsKnown() {
        version("agreement-1", "WI-old", UsState.WI, SupportModel.JEM, "County", 10, null, 10, 40);
        version("agreement-1", "WI-new", UsState.WI, SupportModel.JEM, "County", 10, null, 40, null);
        version("agreement-2", "WI-new", UsState.WI, SupportModel.TFM, "County", 15, 50, 20, null);
        // a territory beside it: counted apart from the state
        version("agreement-3", "GU-police", UsState.GU, SupportModel.WSO, null, 5, null, 5, null);
        InForceIndex index = builder.build();
        for (int day = 0; day <= 60; day++) {
            for (int known = 0; known <= 60; known++) {
                assertSameCounts(index, day, known);
            }
        }
        assertThat(index.counts(DAY0.plusDays(30), DAY0.plusDays(39)).agencies()).as("before the rename").isEqualTo(3);
        assertThat(index.counts(DAY0.plusDays(30), DAY0.plusDays(40)).agencies()).as("from the rename").isEqualTo(2);
        assertThat(index.counts(DAY0.plusDays(12), DAY0.plusDays(60)).byState().get("WI"))
                .as("before agreement 2 took effect, as known after the rename").isEqualTo(new Tally(1, 1));
        assertThat(index.counts(DAY0.plusDays(30), DAY0.plusDays(60)))
                .satisfies(counts -> assertThat(counts.states()).isEqualTo(1))
                .satisfies(counts -> assertThat(counts.territories()).isEqualTo(1));
        List<LocalDate> days = new ArrayList<>();
        for (int day = 0; day <= 60; day++) {
            days.add(DAY0.plusDays(day));
        }
        for (int known : new int[] {20, 39, 40, 60}) {
            LocalDate knownAt = DAY0.plusDays(known);
            for (TimelinePoint point : index.timeline(days, knownAt)) {
                Counts expected = Counts.of(point.date(), knownAt,
                        versions.stream().filter(v -> v.covers(point.date(), knownAt)).toList());
                assertThat(point).as("timeline as known on %s", knownAt).isEqualTo(new TimelinePoint(point.date(),
                        expected.agreements(), expected.agencies(), expected.states(), expected.territories()));
            }
        }
    }

    @Test
    void randomHistoriesAtRandomPoints() {
        SplittableRandom random = new SplittableRandom(6);
        for (int history = 0; history < 6; history++) {
            int span = randomHistory(random, history);
            InForceIndex index = builder.build();
            for (int q = 0; q < 300; q++) {
                int day = random.nextInt(span + 20) - 10;
                assertSameCounts(index, day, day + random.nextInt(span + 20) - 10);
            }
        }
    }

    /** The timeline sweep against a count at each of its points, by day, week and month, from before the first version. */
    @Test
    void timelinesEqualTheCountsOfTheirPoints() {
        SplittableRandom random = new SplittableRandom(7);
        for (int history = 0; history < 6; history++) {
            int span = randomHistory(random, history);
            InForceIndex index = builder.build();
            for (Step step : Step.values()) {
                LocalDate from = DAY0.plusDays(random.nextInt(span / 2) - 10);
                LocalDate knownAt = DAY0.plusDays(random.nextInt(span + 20) - 10);
                List<LocalDate> days = new ArrayList<>();
                for (long n = 0; !step.nth(from, n).isAfter(DAY0.plusDays(span + 40)); n++) {
                    days.add(step.nth(from, n));
                }
                List<TimelinePoint> timeline = index.timeline(days, knownAt);
                assertThat(timeline).extracting(TimelinePoint::date).isEqualTo(days);
                for (TimelinePoint point : timeline) {
                    Counts expected = Counts.of(point.date(), knownAt,
                            versions.stream().filter(v -> v.covers(point.date(), knownAt)).toList());
                    assertThat(point).as("%s timeline as known on %s", step, knownAt).isEqualTo(new TimelinePoint(
                            point.date(), expected.agreements(), expected.agencies(), expected.states(),
                            expected.territories()));
                }
            }
        }
    }

    /**
     * A fold (the arrays plus an overlay, as new arrays) answers as the versions it holds: with an
     * empty overlay every agency's run is copied as it is; with one, some agencies gain rows and a
     * new agency appears.
     */
    @Test
    void foldedArraysCountTheirVersions() throws ReportSnapshot.Unfit {
        SplittableRandom random = new SplittableRandom(8);
        for (int history = 0; history < 6; history++) {
            int span = randomHistory(random, history);
            InForceIndex index = builder.build();
            InForceIndex copied = index.plus(SnapshotOverlay.EMPTY, history);
            List<SnapshotVersion> added = new ArrayList<>();
            for (int extra = 0; extra < 1 + random.nextInt(30); extra++) {
                // an agency of the history (agency-0 is in every one), in its state, or a new one
                String agency = random.nextBoolean() ? "agency-0" : "agency-new";
                UsState state = versions.stream().filter(v -> v.agencyId().equals(agency)).map(AgreementVersion::state)
                        .findFirst().orElse(UsState.TX);
                int validFrom = random.nextInt(span);
                added.add(extra(agency, state, SupportModel.values()[random.nextInt(3)],
                        extra % 2 == 0 ? "County" : "Tribal", validFrom, validFrom + 1 + random.nextInt(span),
                        random.nextInt(span)));
            }
            InForceIndex folded = index.plus(SnapshotOverlay.EMPTY.plus(new SnapshotChange(0, 0, List.of(), added), index),
                    history);
            for (int q = 0; q < 200; q++) {
                int day = random.nextInt(span + 20) - 10;
                int known = day + random.nextInt(span + 20) - 10;
                assertSameCounts(folded, day, known);
            }
            // the copy without the overlay's rows: the versions before them
            versions.subList(versions.size() - added.size(), versions.size()).clear();
            for (int q = 0; q < 200; q++) {
                int day = random.nextInt(span + 20) - 10;
                assertSameCounts(copied, day, day + random.nextInt(span + 20) - 10);
            }
        }
    }

    /** One more version, in {@link #versions} only (not in the builder): an overlay's row. */
    private SnapshotVersion extra(String agency, UsState state, SupportModel model, String type, int validFrom,
                                  int validTo, int knownFrom) {
        versions.add(new AgreementVersion("agreement-" + versions.size(), agency, agency, state, null, type, model,
                DAY0.plusDays(validFrom), null, DAY0.plusDays(validFrom), DAY0.plusDays(validTo),
                DAY0.plusDays(knownFrom), null));
        long base = DAY0.toEpochDay();
        return SnapshotVersion.stored(agency, state, model, type, (int) (base + validFrom), (int) (base + validTo),
                (int) (base + knownFrom), null);
    }

    /** A random history into {@link #versions} and a fresh builder; its span of days. */
    private int randomHistory(SplittableRandom random, int history) {
        UsState[] states = {UsState.TX, UsState.FL, UsState.GA, UsState.AZ, UsState.PR, UsState.GU};
        String[] types = {"County", "City", null, "State"};
        versions.clear();
        builder = new InForceIndex.Builder(history);
        int span = 30 + random.nextInt(400);
        int agencies = 1 + random.nextInt(history < 3 ? 40 : 800);
        for (int a = 0; a < agencies; a++) {
            UsState state = states[random.nextInt(states.length)];
            String type = types[random.nextInt(types.length)];
            int count = 1 + random.nextInt(history == 5 ? 30 : 5);
            for (int v = 0; v < count; v++) {
                int validFrom = random.nextInt(span);
                Integer validTo = random.nextInt(4) == 0 ? null : validFrom + 1 + random.nextInt(span / 3);
                int knownFrom = random.nextInt(span);
                Integer knownTo = random.nextInt(2) == 0 ? null : knownFrom + 1 + random.nextInt(span / 2);
                // a publication day: many versions learnt on the same day, as with ICE's sheets
                if (random.nextInt(3) == 0) {
                    knownFrom = span / 2;
                    knownTo = null;
                }
                version("agency-" + a, state, SupportModel.values()[random.nextInt(3)], type, validFrom, validTo,
                        knownFrom, knownTo);
            }
        }
        return span;
    }

    @Test
    void anEmptySnapshotCountsNothing() {
        InForceIndex index = builder.build();
        assertSameCounts(index, 0, 0);
        assertThat(index.counts(DAY0, DAY0).agreements()).isZero();
    }
}
