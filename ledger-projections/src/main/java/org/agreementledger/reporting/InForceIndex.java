package org.agreementledger.reporting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;

/**
 * An immutable in-memory copy of the published generation of {@code report_agreement_version},
 * reduced to what counts and timelines need, tagged with the revision it was read at. Columnar
 * primitive arrays, 10 bytes a version (four dates as 16-bit days from the earliest, and the model
 * and agency type as one cell number) and 5 an agency (where its run starts, its state), grouped by
 * agency (each agency's versions in a run, by start of valid time), so
 * a timeline reads the arrays once, in order, and merges an agency's stretches in one pass. Counts
 * read the versions' corners instead ({@link InForceCorners}, about 12 bytes a corner and 1.6
 * corners a version, plus its grid), so they do not grow with the versions in force; and each
 * agency's id with a table from id to number ({@link AgencyNumbers}), which applying a committed batch needs
 * ({@link ReportSnapshot}). All told: {@link #bytes()}, measured per version by the bench
 * ({@code snapshotFollowing.bytesPerVersion}; before the agency ids were held, about 43 bytes a
 * version at a million agreements, more at small sizes, where the grid weighs more; 8 bytes an agency
 * less since the per-agency bounds went with the scan that read them, which corners replaced). Answers
 * equal the SQL statements' (the property test holds them side by side).
 *
 * <p>A version's agency is the one its row names, the agency as known over the version's knowledge
 * time: after a rename one agreement's versions sit in two agencies' runs, those known before the
 * rename in the old name's and those known from it in the new name's. Nothing here relies on an
 * agency's versions being one agreement's or on an agreement's versions being one agency's: a run
 * is merged (timeline) or cut into pieces (corners) as whatever rectangles it holds, and only the
 * versions known at the point asked are counted.
 */
final class InForceIndex {

    /** An open upper bound (still in force, still what we know) compares after every day. */
    static final int OPEN = Integer.MAX_VALUE;
    /** An open upper bound as stored: after every day a snapshot can hold (179 years from its first). */
    private static final char STORED_OPEN = Character.MAX_VALUE;
    /** The agency types a snapshot can tell apart: one bit each beside the models' in an agency's mask. */
    static final int MAX_AGENCY_TYPES = 28;

    private static final UsState[] STATES = UsState.values();
    /** By state ordinal: 1 for a territory, 0 for a state (the 50 and the District), to count them apart. */
    private static final int[] TERRITORY = Arrays.stream(STATES).mapToInt(state -> state.isTerritory() ? 1 : 0)
            .toArray();
    private static final SupportModel[] MODELS = SupportModel.values();
    private static final int M = MODELS.length;

    private final long revision;
    private final int size;
    /** Dates are stored as days after this epoch day: half the memory, and half the bytes a count reads. */
    private final int base;
    private final char[] validFrom;
    private final char[] validTo;
    private final char[] knownFrom;
    private final char[] knownTo;
    /** model * types + agency type: one counter cell per version. */
    private final short[] cell;
    /** The versions of agency {@code a} are {@code runStart[a]} to {@code runStart[a + 1]}. */
    private final int[] runStart;
    private final byte[] agencyState;
    /** Display names of the agency types, by ordinal. */
    private final String[] agencyTypes;
    /** Agency ids by number, and back: an overlay's changes name agencies by id. */
    private final String[] agencyIds;
    private final AgencyNumbers agencyNumbers;
    private final Map<String, Integer> agencyTypeNumbers;
    /** What counts read: the versions' and agencies' corners, so a count does not pass over every version. */
    private final InForceCorners corners;
    /** How long making the corners took, the part of a load they add. */
    private final long cornersNanos;

    private InForceIndex(long revision, int size, int base, char[] validFrom, char[] validTo, char[] knownFrom,
                         char[] knownTo, short[] cell, int[] runStart, byte[] agencyState, String[] agencyTypes,
                         String[] agencyIds) {
        this.revision = revision;
        this.size = size;
        this.base = base;
        this.validFrom = validFrom;
        this.validTo = validTo;
        this.knownFrom = knownFrom;
        this.knownTo = knownTo;
        this.cell = cell;
        this.runStart = runStart;
        this.agencyState = agencyState;
        this.agencyTypes = agencyTypes;
        this.agencyIds = agencyIds;
        this.agencyNumbers = new AgencyNumbers(agencyIds);
        this.agencyTypeNumbers = new HashMap<>();
        for (int t = 0; t < agencyTypes.length; t++) {
            agencyTypeNumbers.put(agencyTypes[t], t);
        }
        int types = agencyTypes.length;
        int[] cellBits = new int[M * types];
        for (int m = 0; m < M; m++) {
            for (int t = 0; t < types; t++) {
                cellBits[m * types + t] = 1 << m | 1 << (M + t);
            }
        }
        long started = System.nanoTime();
        corners = new InForceCorners(validFrom, validTo, knownFrom, knownTo, cell, runStart, agencyState,
                STATES.length, cellBits, M + types);
        cornersNanos = System.nanoTime() - started;
    }

    long revision() {
        return revision;
    }

    int size() {
        return size;
    }

    /**
     * Bytes held: the version columns, the agency columns and the corners with their grid, and the
     * agencies' ids with the table from id to number that applying changes needs (by the sizes of
     * String and its bytes on a 64-bit JVM with compressed references, and {@link AgencyNumbers}'s slots).
     */
    long bytes() {
        long ids = 0;
        for (String id : agencyIds) {
            ids += 24 + 16 + id.length() + 4; // the String, its byte array (Latin-1), the array's reference
        }
        ids += agencyNumbers.bytes();
        long perAgency = Integer.BYTES + Byte.BYTES;
        return (long) size * (4 * Character.BYTES + Short.BYTES) + (long) agencyState.length * perAgency
                + corners.bytes() + ids;
    }

    /** Corners counts read, for the log. */
    int corners() {
        return corners.corners();
    }

    /** Milliseconds spent making the corners, for the log. */
    long cornersMs() {
        return cornersNanos / 1_000_000;
    }

    /**
     * The counts at (asOf, knownAt): the grid's sums at the point plus the corners of the two
     * blocks it falls partly in, so the cost grows as the square root of the corners (see
     * {@link InForceCorners}) and does not depend on where the point lies.
     */
    Counts counts(LocalDate asOf, LocalDate knownAt) {
        return counts(asOf, knownAt, Map.of());
    }

    /**
     * The counts at (asOf, knownAt) of these arrays with some agencies' rows replaced by
     * {@code changed}: the arrays' answer, less what each changed agency adds to it, plus what it
     * adds with its rows as changed; so the cost grows with the changed agencies' rows, not with the whole.
     */
    Counts counts(LocalDate asOf, LocalDate knownAt, Map<String, AgencyRows> changed) {
        int[] at = corners.at(stored(asOf), stored(knownAt));
        // the overlay may bring agency types the arrays lack: they take the numbers after the arrays'
        Map<String, Integer> typeNumbers = agencyTypeNumbers;
        List<String> typeNames = null;
        for (AgencyRows rows : changed.values()) {
            for (int i = 0; i < rows.size(); i++) {
                String type = rows.agencyType(i);
                if (!typeNumbers.containsKey(type)) {
                    if (typeNames == null) {
                        typeNames = new ArrayList<>(Arrays.asList(agencyTypes));
                        typeNumbers = new HashMap<>(agencyTypeNumbers);
                    }
                    typeNumbers.put(type, typeNames.size());
                    typeNames.add(type);
                }
            }
        }
        String[] names = typeNames == null ? agencyTypes : typeNames.toArray(String[]::new);
        int types = names.length;
        int baseTypes = agencyTypes.length;
        int states = STATES.length;
        Tallies tallies = new Tallies(types);
        for (int s = 0; s < states; s++) {
            tallies.stateAgreements[s] = at[s];
            tallies.stateAgencies[s] = at[states + s];
            tallies.agencies += at[states + s];
        }
        for (int m = 0; m < M; m++) {
            for (int t = 0; t < baseTypes; t++) {
                tallies.cellAgreements[m * types + t] = at[2 * states + m * baseTypes + t];
            }
        }
        for (int b = 0; b < M + baseTypes; b++) {
            tallies.maskAgencies[b] = at[2 * states + M * baseTypes + b];
        }
        int day = (int) asOf.toEpochDay();
        int known = (int) knownAt.toEpochDay();
        Map<String, Integer> numbers = typeNumbers;
        changed.forEach((agencyId, rows) -> {
            int a = agencyNumbers.of(agencyId);
            long[] perCell = new long[M * types];
            int state = -1;
            if (a >= 0) {
                state = agencyState[a];
                long[] before = new long[M * baseTypes];
                inForce(a, stored(asOf), stored(knownAt), before);
                for (int c = 0; c < before.length; c++) {
                    perCell[c / baseTypes * types + c % baseTypes] = before[c];
                }
                tallies.agency(state, perCell, -1);
            }
            java.util.Arrays.fill(perCell, 0);
            if (rows.size() > 0) {
                state = rows.state().ordinal();
            }
            for (int i = 0; i < rows.size(); i++) {
                if (rows.holds(i, day, known)) {
                    perCell[rows.model(i).ordinal() * types + numbers.get(rows.agencyType(i))] += rows.times(i);
                }
            }
            if (state >= 0) {
                tallies.agency(state, perCell, 1);
            }
        });
        return counts(asOf, knownAt, names, tallies.cellAgreements, tallies.maskAgencies, tallies.agencies,
                tallies.stateAgreements, tallies.stateAgencies);
    }

    /** Adds agency {@code a}'s versions in force at stored (day, known) to {@code perCell}. */
    private void inForce(int a, int day, int known, long[] perCell) {
        for (int i = runStart[a], end = runStart[a + 1]; i < end; i++) {
            if (validFrom[i] <= day && day < validTo[i] && knownFrom[i] <= known && known < knownTo[i]) {
                perCell[cell[i]]++;
            }
        }
    }

    /** The count arrays of {@link #counts}, and what one agency adds to them. */
    private static final class Tallies {
        final long[] cellAgreements;
        final long[] maskAgencies;
        final long[] stateAgreements = new long[STATES.length];
        final long[] stateAgencies = new long[STATES.length];
        long agencies;
        private final int types;

        Tallies(int types) {
            this.types = types;
            cellAgreements = new long[M * types];
            maskAgencies = new long[M + types];
        }

        /** An agency with {@code perCell} agreements in force, in state ordinal {@code state}, counted {@code sign} times. */
        void agency(int state, long[] perCell, int sign) {
            long total = 0;
            int mask = 0; // its models, then its agency types
            for (int c = 0; c < perCell.length; c++) {
                cellAgreements[c] += sign * perCell[c];
                total += perCell[c];
                if (perCell[c] > 0) {
                    mask |= 1 << (c / types) | 1 << (M + c % types);
                }
            }
            if (total > 0) {
                agencies += sign;
                stateAgreements[state] += sign * total;
                stateAgencies[state] += sign;
                for (int bits = mask; bits != 0; bits &= bits - 1) {
                    maskAgencies[Integer.numberOfTrailingZeros(bits)] += sign;
                }
            }
        }
    }

    /** Agency types the arrays tell apart. */
    int agencyTypes() {
        return agencyTypes.length;
    }

    /** The counter cell of a row: model, then agency type; -1 if these arrays know no such agency type. */
    int cellOf(SnapshotVersion version) {
        Integer type = agencyTypeNumbers.get(version.agencyType());
        return type == null ? -1 : version.model().ordinal() * agencyTypes.length + type;
    }

    /** The answer from agreements by (model, type) cell, agencies by mask bit (models, then types) and by state. */
    private static Counts counts(LocalDate asOf, LocalDate knownAt, String[] agencyTypes, long[] cellAgreements,
                                 long[] maskAgencies, long agenciesTotal, long[] stateAgreements,
                                 long[] stateAgencies) {
        int types = agencyTypes.length;
        long agreementsTotal = 0;
        Map<SupportModel, Tally> byModel = new EnumMap<>(SupportModel.class);
        long[] typeAgreements = new long[types];
        for (int m = 0; m < M; m++) {
            long agreements = 0;
            for (int t = 0; t < types; t++) {
                agreements += cellAgreements[m * types + t];
                typeAgreements[t] += cellAgreements[m * types + t];
            }
            agreementsTotal += agreements;
            if (agreements > 0) {
                byModel.put(MODELS[m], new Tally(agreements, maskAgencies[m]));
            }
        }
        Map<String, Tally> byState = new HashMap<>();
        long territories = 0;
        for (int s = 0; s < STATES.length; s++) {
            if (stateAgreements[s] > 0) {
                byState.put(STATES[s].name(), new Tally(stateAgreements[s], stateAgencies[s]));
                territories += TERRITORY[s];
            }
        }
        Map<String, Tally> byAgencyType = new HashMap<>();
        for (int t = 0; t < types; t++) {
            if (typeAgreements[t] > 0) {
                byAgencyType.put(agencyTypes[t], new Tally(typeAgreements[t], maskAgencies[M + t]));
            }
        }
        return new Counts(asOf, knownAt, agreementsTotal, agenciesTotal, byState.size() - territories, territories,
                byModel, byState, byAgencyType);
    }

    /**
     * The headline counts on each of {@code days} (ascending) as known on {@code knownAt}, by one
     * sweep: +1/-1 at the first and past the last point covered by each version's valid time
     * (agreements), by each agency's merged stretches in force (agencies) and by the same stretches
     * per state (a state or territory is in force while any of its agencies is), summed up once over
     * the points; states and territories are counted apart.
     * No sort: a state's stretches need no merging when its count is kept per point.
     */
    List<TimelinePoint> timeline(List<LocalDate> days, LocalDate knownAt) {
        return timeline(days, knownAt, Map.of());
    }

    /** The timeline of these arrays with some agencies' rows replaced by {@code changed}. */
    List<TimelinePoint> timeline(List<LocalDate> days, LocalDate knownAt, Map<String, AgencyRows> changed) {
        int known = stored(knownAt);
        Points points = new Points(days);
        Deltas agreements = new Deltas(points);
        Deltas agencySpans = new Deltas(points);
        Deltas[] stateSpans = new Deltas[STATES.length];
        Stretches stretches = new Stretches(points, agencySpans, stateSpans);
        BitSet replaced = numbersOf(changed.keySet());
        for (int a = 0; a < agencyState.length; a++) {
            if (replaced.get(a)) {
                continue; // below, with its changes
            }
            // an agency's versions come by start of valid time, so its stretches merge in one pass
            stretches.begin(agencyState[a]);
            for (int i = runStart[a], stop = runStart[a + 1]; i < stop; i++) {
                if (knownFrom[i] > known || knownTo[i] <= known) {
                    continue;
                }
                int from = validFrom[i] + base;
                int to = day(validTo[i]);
                agreements.span(from, to, 1);
                stretches.add(from, to);
            }
            stretches.end();
        }
        int knownDay = (int) knownAt.toEpochDay();
        changed.forEach((agencyId, rows) -> {
            if (rows.size() == 0) {
                return;
            }
            stretches.begin(rows.state().ordinal());
            for (int i = 0; i < rows.size(); i++) {
                if (rows.knownFrom(i) <= knownDay && knownDay < rows.knownTo(i)) {
                    agreements.span(rows.validFrom(i), rows.validTo(i), rows.times(i));
                    stretches.add(rows.validFrom(i), rows.validTo(i));
                }
            }
            stretches.end();
        });
        long[] agreementsOn = agreements.running();
        long[] agenciesOn = agencySpans.running();
        // [0]: states, [1]: territories
        long[][] jurisdictionsOn = new long[2][days.size()];
        for (int s = 0; s < STATES.length; s++) {
            if (stateSpans[s] != null) {
                long[] agenciesOfState = stateSpans[s].running();
                long[] on = jurisdictionsOn[TERRITORY[s]];
                for (int k = 0; k < on.length; k++) {
                    if (agenciesOfState[k] > 0) {
                        on[k]++;
                    }
                }
            }
        }
        List<TimelinePoint> timeline = new ArrayList<>(days.size());
        for (int k = 0; k < days.size(); k++) {
            timeline.add(new TimelinePoint(days.get(k), agreementsOn[k], agenciesOn[k], jurisdictionsOn[0][k],
                    jurisdictionsOn[1][k]));
        }
        return timeline;
    }

    /** Agency {@code a}'s rows in these arrays, each with how many times it occurs. */
    private Map<SnapshotVersion, Integer> versionsOf(int a) {
        Map<SnapshotVersion, Integer> versions = new HashMap<>();
        int types = agencyTypes.length;
        for (int i = runStart[a], end = runStart[a + 1]; i < end; i++) {
            SnapshotVersion version = new SnapshotVersion(agencyIds[a], STATES[agencyState[a]],
                    MODELS[cell[i] / types], agencyTypes[cell[i] % types], validFrom[i] + base, day(validTo[i]),
                    knownFrom[i] + base, day(knownTo[i]));
            versions.merge(version, 1, Integer::sum);
        }
        return versions;
    }

    /** Agency {@code agencyId}'s rows in these arrays, each with how many times it occurs (none if they lack it). */
    Map<SnapshotVersion, Integer> rowsOf(String agencyId) {
        int a = agencyNumbers.of(agencyId);
        return a < 0 ? new HashMap<>() : versionsOf(a);
    }

    /** These arrays' own string for agency type {@code type}, or {@code type} if they lack it. */
    String canonicalAgencyType(String type) {
        Integer number = agencyTypeNumbers.get(type);
        return number == null ? type : agencyTypes[number];
    }

    /**
     * Why these arrays cannot take {@code row} as an overlay's, or null if they can: a count needs
     * its agency type among the arrays' cells, and an agency in one state (as {@link Builder} does).
     */
    String cannotHold(SnapshotVersion row) {
        if (cellOf(row) < 0 && agencyTypes.length >= MAX_AGENCY_TYPES) {
            return "agency type '" + row.agencyType() + "' is one more than a snapshot tells apart";
        }
        int a = agencyNumbers.of(row.agencyId());
        if (a >= 0 && agencyState[a] != row.state().ordinal()) {
            return "agency " + row.agencyId() + " appears in " + STATES[agencyState[a]] + " and " + row.state();
        }
        return null;
    }

    /** New arrays holding these and {@code overlay}'s rows, tagged {@code revision}: an overlay folded in. */
    InForceIndex plus(SnapshotOverlay overlay, long revision) {
        Map<String, AgencyRows> changed = overlay.byAgency();
        Builder builder = new Builder(revision, (int) Math.min(Integer.MAX_VALUE - 8, size + overlay.rows()),
                agencyIds.length + changed.size());
        short[] types = new short[agencyTypes.length];
        Arrays.fill(types, (short) -1);
        BitSet replaced = numbersOf(changed.keySet());
        for (int a = 0; a < agencyIds.length; a++) {
            if (!replaced.get(a)) {
                builder.addRun(this, a, types);
            }
        }
        changed.forEach((agencyId, rows) -> {
            for (int i = 0; i < rows.size(); i++) {
                builder.add(rows.row(agencyId, i), rows.times(i));
            }
        });
        return builder.build();
    }

    /**
     * The numbers of those of {@code agencyIds} these arrays hold: looked up once each, rather than
     * asking the changed agencies' map about every agency (at a million agencies that boxed and
     * iterated its way through tens of MB of garbage a fold or a timeline).
     */
    private BitSet numbersOf(Set<String> agencyIds) {
        BitSet numbers = new BitSet(agencyIds.isEmpty() ? 0 : agencyState.length);
        for (String agencyId : agencyIds) {
            int a = agencyNumbers.of(agencyId);
            if (a >= 0) {
                numbers.set(a);
            }
        }
        return numbers;
    }

    /** A query's day as stored: before the first stored day is -1, after the last stored day is the last. */
    private int stored(LocalDate date) {
        return (int) Math.max(-1, Math.min(STORED_OPEN - 1, date.toEpochDay() - base));
    }

    /** A stored upper bound as an epoch day, or {@link #OPEN}. */
    private int day(char stored) {
        return stored == STORED_OPEN ? OPEN : stored + base;
    }

    /** A timeline's points as epoch days: for any day, the first point on or after it. */
    private static final class Points {
        private final int first;
        private final int last;
        private final int count;
        /** pointFrom[d - first]: the number of the first point on or after day d (first <= d <= last). */
        private final int[] pointFrom;

        Points(List<LocalDate> days) {
            count = days.size();
            first = (int) days.get(0).toEpochDay();
            last = (int) days.get(count - 1).toEpochDay();
            pointFrom = new int[last - first + 1];
            int day = first;
            for (int k = 0; k < count; k++) {
                int pointDay = (int) days.get(k).toEpochDay();
                while (day <= pointDay) {
                    pointFrom[day++ - first] = k;
                }
            }
        }
    }

    /** Changes in a count per point of a timeline; stretches that begin before the first land on it. */
    private static final class Deltas {
        private final Points points;
        private final long[] change;

        Deltas(Points points) {
            this.points = points;
            this.change = new long[points.count];
        }

        /** In force from {@code from} inclusive to {@code to} exclusive ({@link #OPEN}: still). */
        void span(int from, int to, int times) {
            if (from > points.last || to <= points.first) {
                return;
            }
            int firstPoint = points.pointFrom[Math.max(from, points.first) - points.first];
            change[firstPoint] += times;
            if (to <= points.last) {
                change[points.pointFrom[to - points.first]] -= times;
            }
        }

        long[] running() {
            long[] sums = new long[change.length];
            long sum = 0;
            for (int i = 0; i < change.length; i++) {
                sum += change[i];
                sums[i] = sum;
            }
            return sums;
        }
    }

    /**
     * One agency's stretches in force, merged as its versions come by start of valid time, each
     * counted once for the agencies and once for the agency's state or territory.
     */
    private static final class Stretches {
        private final Points points;
        private final Deltas agencySpans;
        private final Deltas[] stateSpans;
        private int start;
        private int end = Integer.MIN_VALUE; // none yet

        Stretches(Points points, Deltas agencySpans, Deltas[] stateSpans) {
            this.points = points;
            this.agencySpans = agencySpans;
            this.stateSpans = stateSpans;
        }

        private int state;

        /** The next agency's stretches, in state ordinal {@code state}. */
        void begin(int agencyState) {
            state = agencyState;
            end = Integer.MIN_VALUE;
        }

        void add(int from, int to) {
            if (from > end) {
                flush();
                start = from;
                end = to;
            } else if (to > end) {
                end = to;
            }
        }

        /** The agency's last stretch. */
        void end() {
            flush();
            end = Integer.MIN_VALUE;
        }

        private void flush() {
            if (end == Integer.MIN_VALUE) {
                return;
            }
            agencySpans.span(start, end, 1);
            Deltas spans = stateSpans[state];
            if (spans == null) {
                spans = stateSpans[state] = new Deltas(points);
            }
            spans.span(start, end, 1);
        }
    }

    /** Collects rows as they stream from the database, then sorts them into an index. */
    static final class Builder {
        private final long revision;
        private int size;
        private int[] validFrom;
        private int[] validTo;
        private int[] knownFrom;
        private int[] knownTo;
        private int[] agency;
        private byte[] model;
        private short[] agencyType;
        /** Numbered as they come; {@link #sortedRows} renumbers them by their first start. */
        private final AgencyNumbers agencies;
        private final List<UsState> agencyStates = new ArrayList<>();
        private final Map<String, Short> agencyTypes = new HashMap<>();
        private final List<String> agencyTypeNames = new ArrayList<>();
        private String[] agencyIdsByRank = new String[0];

        Builder(long revision) {
            this(revision, 1024, 1024);
        }

        /** A builder with room for {@code rows} rows of {@code agencies} agencies before it grows (a fold knows them). */
        Builder(long revision, int rows, int agencies) {
            this.revision = revision;
            int room = Math.max(16, rows);
            validFrom = new int[room];
            validTo = new int[room];
            knownFrom = new int[room];
            knownTo = new int[room];
            agency = new int[room];
            model = new byte[room];
            agencyType = new short[room];
            this.agencies = AgencyNumbers.growing(agencies);
        }

        /** {@code times} rows like {@code row}. */
        void add(SnapshotVersion row, int times) {
            for (int k = 0; k < times; k++) {
                add(row);
            }
        }

        void add(SnapshotVersion row) {
            add(agencyOrdinal(row.agencyId(), row.state()), row.validFrom(), row.validTo(), row.knownFrom(),
                    row.knownTo(), row.model().ordinal(), typeOrdinal(row.agencyType()));
        }

        /**
         * Agency {@code a}'s rows of {@code from}, as they are: a fold's unchanged agencies, copied column
         * by column. Through {@link SnapshotVersion}s they cost an object and a map entry a row: three
         * folds at 100k versions took 1.17 s that way, 0.84 s this way.
         *
         * @param types this builder's ordinal of each of {@code from}'s agency types, -1 until a row
         *              brings it (so a type no row has any more is left out, as a load leaves it out)
         */
        void addRun(InForceIndex from, int a, short[] types) {
            int ordinal = agencyOrdinal(from.agencyIds[a], STATES[from.agencyState[a]]);
            int fromTypes = from.agencyTypes.length;
            for (int i = from.runStart[a], end = from.runStart[a + 1]; i < end; i++) {
                int type = from.cell[i] % fromTypes;
                if (types[type] < 0) {
                    types[type] = typeOrdinal(from.agencyTypes[type]);
                }
                add(ordinal, from.validFrom[i] + from.base, from.day(from.validTo[i]), from.knownFrom[i] + from.base,
                        from.day(from.knownTo[i]), from.cell[i] / fromTypes, types[type]);
            }
        }

        private void add(int agencyOrdinal, int validFrom, int validTo, int knownFrom, int knownTo, int model,
                         short typeOrdinal) {
            if (size == this.validFrom.length) {
                grow();
            }
            this.validFrom[size] = validFrom;
            this.validTo[size] = validTo;
            this.knownFrom[size] = knownFrom;
            this.knownTo[size] = knownTo;
            agency[size] = agencyOrdinal;
            this.model[size] = (byte) model;
            agencyType[size] = typeOrdinal;
            size++;
        }

        private int agencyOrdinal(String agencyId, UsState state) {
            int ordinal = agencies.number(agencyId);
            if (ordinal == agencyStates.size()) {
                agencyStates.add(state);
            } else if (agencyStates.get(ordinal) != state) {
                // counting agencies per state from the national bitset relies on this
                throw new IllegalStateException("agency " + agencyId + " appears in " + agencyStates.get(ordinal)
                        + " and " + state);
            }
            return ordinal;
        }

        private short typeOrdinal(String agencyType) {
            Short typeOrdinal = agencyTypes.get(agencyType);
            if (typeOrdinal == null) {
                typeOrdinal = (short) agencyTypeNames.size();
                agencyTypes.put(agencyType, typeOrdinal);
                agencyTypeNames.add(agencyType);
            }
            return typeOrdinal;
        }

        private void grow() {
            int capacity = validFrom.length * 2;
            validFrom = Arrays.copyOf(validFrom, capacity);
            validTo = Arrays.copyOf(validTo, capacity);
            knownFrom = Arrays.copyOf(knownFrom, capacity);
            knownTo = Arrays.copyOf(knownTo, capacity);
            agency = Arrays.copyOf(agency, capacity);
            model = Arrays.copyOf(model, capacity);
            agencyType = Arrays.copyOf(agencyType, capacity);
        }

        InForceIndex build() {
            int types = agencyTypeNames.size();
            if (types > MAX_AGENCY_TYPES) {
                throw new IllegalStateException(types + " agency types; a snapshot tells apart " + MAX_AGENCY_TYPES);
            }
            if (size >= 1 << 27) {
                throw new IllegalStateException(size + " versions");
            }
            // by agency, then start of valid time; each column permuted into that order
            int[] rows = sortedRows();
            int agencies = this.agencies.size();
            int[] runStart = runStarts(agencies);
            byte[] agencyState = new byte[agencies];
            for (int a = 0; a < agencies; a++) {
                agencyState[a] = (byte) agencyStates.get(a).ordinal();
            }
            short[] cell = new short[size];
            for (int i = 0; i < size; i++) {
                cell[i] = (short) (model[rows[i]] * types + agencyType[rows[i]]);
            }
            int base = Integer.MAX_VALUE;
            int latest = Integer.MIN_VALUE;
            for (int i = 0; i < size; i++) {
                base = Math.min(base, Math.min(validFrom[i], knownFrom[i]));
                for (int day : new int[] {validFrom[i], validTo[i], knownFrom[i], knownTo[i]}) {
                    if (day != OPEN) {
                        latest = Math.max(latest, day);
                    }
                }
            }
            if (size > 0 && (long) latest - base >= STORED_OPEN - 1) {
                throw new IllegalStateException("dates from " + LocalDate.ofEpochDay(base) + " to "
                        + LocalDate.ofEpochDay(latest) + " span more days than a snapshot stores");
            }
            return new InForceIndex(revision, size, base, stored(validFrom, rows, base), stored(validTo, rows, base),
                    stored(knownFrom, rows, base), stored(knownTo, rows, base), cell, runStart, agencyState,
                    agencyTypeNames.toArray(String[]::new), agencyIdsByRank);
        }

        /** Row numbers by agency, then start of valid time: a counting sort by agency of rows sorted by start. */
        private int[] sortedRows() {
            long[] byStart = new long[size];
            for (int i = 0; i < size; i++) {
                byStart[i] = (long) validFrom[i] << 32 | i;
            }
            Arrays.sort(byStart);
            int agencies = this.agencies.size();
            // agencies renumbered by their first start: runs stored in the order agencies begin
            int[] rank = new int[agencies];
            Arrays.fill(rank, -1);
            List<UsState> statesByRank = new ArrayList<>(agencies);
            agencyIdsByRank = new String[agencies];
            for (long key : byStart) {
                int a = agency[(int) key];
                if (rank[a] < 0) {
                    rank[a] = statesByRank.size();
                    agencyIdsByRank[rank[a]] = this.agencies.id(a);
                    statesByRank.add(agencyStates.get(a));
                }
            }
            for (int i = 0; i < size; i++) {
                agency[i] = rank[agency[i]];
            }
            agencyStates.clear();
            agencyStates.addAll(statesByRank);
            int[] next = runStarts(agencies);
            int[] rows = new int[size];
            for (long key : byStart) {
                int row = (int) key;
                rows[next[agency[row]]++] = row;
            }
            return rows;
        }

        /** Where each agency's run of rows starts in agency order (a counting sort's offsets), and the end. */
        private int[] runStarts(int agencies) {
            int[] start = new int[agencies + 1];
            for (int i = 0; i < size; i++) {
                start[agency[i] + 1]++;
            }
            for (int a = 0; a < agencies; a++) {
                start[a + 1] += start[a];
            }
            return start;
        }

        /** The column in the order of {@code rows}, as days after {@code base}. */
        private static char[] stored(int[] column, int[] rows, int base) {
            char[] sorted = new char[rows.length];
            for (int i = 0; i < rows.length; i++) {
                int day = column[rows[i]];
                sorted[i] = day == OPEN ? STORED_OPEN : (char) (day - base);
            }
            return sorted;
        }
    }
}
