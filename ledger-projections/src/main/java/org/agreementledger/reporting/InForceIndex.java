package org.agreementledger.reporting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;

/**
 * An immutable in-memory copy of the published generation of {@code report_agreement_version},
 * reduced to what counts and timelines need, tagged with the revision it was read at. Columnar
 * primitive arrays, 10 bytes a version (four dates as 16-bit days from the earliest, and the model
 * and agency type as one cell number) and 13 an agency (the bounds of its versions, where its run
 * starts, its state), grouped by agency (each agency's versions in a run, by start of valid time), so
 * a timeline reads the arrays once, in order, and merges an agency's stretches in one pass. Counts
 * read the versions' corners instead ({@link InForceCorners}, about 12 bytes a corner and 1.6
 * corners a version, plus its grid), so they do not grow with the versions in force. All told
 * ({@link #bytes()}, the bench's {@code snapshotBytesPerVersion}) about 43 bytes a version at a
 * million agreements, more at small sizes, where the grid weighs more. Answers equal the SQL statements' (the property test holds them side by side);
 * it is only asked while its revision is the current one.
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
    /**
     * Per agency, the bounds of all its versions (earliest start and latest end of valid time, of
     * knowledge time): a count passes over an agency none of whose versions can hold its point.
     * Agencies are numbered by their earliest start, so a count stops at the first after its day.
     */
    private final char[] agencyValidFrom;
    private final char[] agencyValidTo;
    private final char[] agencyKnownFrom;
    private final char[] agencyKnownTo;
    /** Display names of the agency types, by ordinal. */
    private final String[] agencyTypes;
    /** What counts read: the versions' and agencies' corners, so a count does not pass over every version. */
    private final InForceCorners corners;
    /** How long making the corners took, the part of a load they add. */
    private final long cornersNanos;

    private InForceIndex(long revision, int size, int base, char[] validFrom, char[] validTo, char[] knownFrom,
                         char[] knownTo, short[] cell, int[] runStart, byte[] agencyState, String[] agencyTypes) {
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
        int agencies = agencyState.length;
        agencyValidFrom = new char[agencies];
        agencyValidTo = new char[agencies];
        agencyKnownFrom = new char[agencies];
        agencyKnownTo = new char[agencies];
        for (int a = 0; a < agencies; a++) {
            char vf = Character.MAX_VALUE;
            char vt = 0;
            char kf = Character.MAX_VALUE;
            char kt = 0;
            for (int i = runStart[a]; i < runStart[a + 1]; i++) {
                vf = (char) Math.min(vf, validFrom[i]);
                vt = (char) Math.max(vt, validTo[i]);
                kf = (char) Math.min(kf, knownFrom[i]);
                kt = (char) Math.max(kt, knownTo[i]);
            }
            agencyValidFrom[a] = vf;
            agencyValidTo[a] = vt;
            agencyKnownFrom[a] = kf;
            agencyKnownTo[a] = kt;
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

    /** Bytes held: the version columns, the agency columns and the corners with their grid. */
    long bytes() {
        long perAgency = 4 * Character.BYTES + Integer.BYTES + Byte.BYTES;
        return (long) size * (4 * Character.BYTES + Short.BYTES) + (long) agencyState.length * perAgency
                + corners.bytes();
    }

    /** Corners counts read, for the log. */
    int corners() {
        return corners.corners();
    }

    /** Milliseconds spent making the corners, for the log. */
    long cornersMs() {
        return cornersNanos / 1_000_000;
    }

    /** The first agency (by number) whose earliest version starts after {@code day}. */
    private int firstAgencyStartingAfter(int day) {
        int low = 0;
        int high = agencyState.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (agencyValidFrom[mid] <= day) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * The counts at (asOf, knownAt): the grid's sums at the point plus the corners of the two
     * blocks it falls partly in, so the cost grows as the square root of the corners (see
     * {@link InForceCorners}) and does not depend on where the point lies.
     */
    Counts counts(LocalDate asOf, LocalDate knownAt) {
        int[] at = corners.at(stored(asOf), stored(knownAt));
        int types = agencyTypes.length;
        int states = STATES.length;
        int cells = M * types;
        long[] cellAgreements = new long[cells];
        long[] maskAgencies = new long[M + types];
        long[] stateAgreements = new long[states];
        long[] stateAgencies = new long[states];
        long agenciesTotal = 0;
        for (int s = 0; s < states; s++) {
            stateAgreements[s] = at[s];
            stateAgencies[s] = at[states + s];
            agenciesTotal += at[states + s];
        }
        for (int c = 0; c < cells; c++) {
            cellAgreements[c] = at[2 * states + c];
        }
        for (int b = 0; b < M + types; b++) {
            maskAgencies[b] = at[2 * states + cells + b];
        }
        return counts(asOf, knownAt, cellAgreements, maskAgencies, agenciesTotal, stateAgreements, stateAgencies);
    }

    /**
     * The same counts by one pass over the versions of every agency that can hold the point (linear
     * in versions): what {@link #counts} replaced, kept as the in-memory check of the corners.
     */
    Counts countsByScan(LocalDate asOf, LocalDate knownAt) {
        int day = stored(asOf);
        int known = stored(knownAt);
        int types = agencyTypes.length;
        // per (model, type) cell: agreements in force; bits of an agency's mask: models, then types
        long[] cellAgreements = new long[M * types];
        int[] cellMask = new int[M * types];
        for (int m = 0; m < M; m++) {
            for (int t = 0; t < types; t++) {
                cellMask[m * types + t] = 1 << m | 1 << (M + t);
            }
        }
        long[] maskAgencies = new long[M + types];
        long agenciesTotal = 0;
        long[] stateAgreements = new long[STATES.length];
        long[] stateAgencies = new long[STATES.length];
        for (int a = 0, last = firstAgencyStartingAfter(day); a < last; a++) {
            if (agencyValidTo[a] <= day || agencyKnownFrom[a] > known || agencyKnownTo[a] <= known) {
                continue; // none of its versions holds (day, known)
            }
            int mask = 0;
            int inForce = 0;
            for (int i = runStart[a], end = runStart[a + 1]; i < end; i++) {
                // 1 when validFrom <= day < validTo and knownFrom <= known < knownTo: the sign bit of
                // four differences (none overflows: 16-bit days); no branch to mispredict
                int in = ((validFrom[i] - day - 1) & (day - validTo[i]) & (knownFrom[i] - known - 1)
                        & (known - knownTo[i])) >>> 31;
                int c = cell[i];
                cellAgreements[c] += in;
                mask |= cellMask[c] & -in;
                inForce += in;
            }
            if (inForce > 0) {
                agenciesTotal++;
                stateAgreements[agencyState[a]] += inForce;
                stateAgencies[agencyState[a]]++;
                for (int bits = mask; bits != 0; bits &= bits - 1) {
                    maskAgencies[Integer.numberOfTrailingZeros(bits)]++;
                }
            }
        }
        return counts(asOf, knownAt, cellAgreements, maskAgencies, agenciesTotal, stateAgreements, stateAgencies);
    }

    /** The answer from agreements by (model, type) cell, agencies by mask bit (models, then types) and by state. */
    private Counts counts(LocalDate asOf, LocalDate knownAt, long[] cellAgreements, long[] maskAgencies,
                          long agenciesTotal, long[] stateAgreements, long[] stateAgencies) {
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
        int known = stored(knownAt);
        Points points = new Points(days);
        Deltas agreements = new Deltas(points);
        Deltas agencySpans = new Deltas(points);
        Deltas[] stateSpans = new Deltas[STATES.length];
        for (int a = 0; a < agencyState.length; a++) {
            int start = 0;
            int end = Integer.MIN_VALUE; // none yet
            // an agency's versions come by start of valid time, so its stretches merge in one pass
            for (int i = runStart[a], stop = runStart[a + 1]; i <= stop; i++) {
                boolean more = i < stop;
                if (more && (knownFrom[i] > known || knownTo[i] <= known)) {
                    continue;
                }
                int from = more ? validFrom[i] + base : 0;
                int to = more ? day(validTo[i]) : 0;
                if (more) {
                    agreements.span(from, to);
                }
                if (!more || from > end) {
                    if (end != Integer.MIN_VALUE) {
                        agencySpans.span(start, end);
                        Deltas state = stateSpans[agencyState[a]];
                        if (state == null) {
                            state = stateSpans[agencyState[a]] = new Deltas(points);
                        }
                        state.span(start, end);
                    }
                    if (more) {
                        start = from;
                        end = to;
                    }
                } else if (to > end) {
                    end = to;
                }
            }
        }
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
        void span(int from, int to) {
            if (from > points.last || to <= points.first) {
                return;
            }
            int firstPoint = points.pointFrom[Math.max(from, points.first) - points.first];
            change[firstPoint]++;
            if (to <= points.last) {
                change[points.pointFrom[to - points.first]]--;
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

    /** Collects rows as they stream from the database, then sorts them into an index. */
    static final class Builder {
        private final long revision;
        private int size;
        private int[] validFrom = new int[1024];
        private int[] validTo = new int[1024];
        private int[] knownFrom = new int[1024];
        private int[] knownTo = new int[1024];
        private int[] agency = new int[1024];
        private byte[] model = new byte[1024];
        private short[] agencyType = new short[1024];
        private final Map<String, Integer> agencies = new HashMap<>();
        private final List<UsState> agencyStates = new ArrayList<>();
        private final Map<String, Short> agencyTypes = new HashMap<>();
        private final List<String> agencyTypeNames = new ArrayList<>();

        Builder(long revision) {
            this.revision = revision;
        }

        /** Null upper bounds are open; agency type null is shown as {@link Counts#NO_AGENCY_TYPE}. */
        void add(String agencyId, UsState usState, SupportModel supportModel, String type, int validFromDay,
                 Integer validToDay, int knownFromDay, Integer knownToDay) {
            if (size == validFrom.length) {
                grow();
            }
            Integer ordinal = agencies.get(agencyId);
            if (ordinal == null) {
                ordinal = agencies.size();
                agencies.put(agencyId, ordinal);
                agencyStates.add(usState);
            } else if (agencyStates.get(ordinal) != usState) {
                // counting agencies per state from the national bitset relies on this
                throw new IllegalStateException("agency " + agencyId + " appears in " + agencyStates.get(ordinal)
                        + " and " + usState);
            }
            String typeName = Counts.agencyTypeOf(type);
            Short typeOrdinal = agencyTypes.get(typeName);
            if (typeOrdinal == null) {
                typeOrdinal = (short) agencyTypeNames.size();
                agencyTypes.put(typeName, typeOrdinal);
                agencyTypeNames.add(typeName);
            }
            validFrom[size] = validFromDay;
            validTo[size] = validToDay == null ? OPEN : validToDay;
            knownFrom[size] = knownFromDay;
            knownTo[size] = knownToDay == null ? OPEN : knownToDay;
            agency[size] = ordinal;
            model[size] = (byte) supportModel.ordinal();
            agencyType[size] = typeOrdinal;
            size++;
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
                    agencyTypeNames.toArray(String[]::new));
        }

        /** Row numbers by agency, then start of valid time: a counting sort by agency of rows sorted by start. */
        private int[] sortedRows() {
            long[] byStart = new long[size];
            for (int i = 0; i < size; i++) {
                byStart[i] = (long) validFrom[i] << 32 | i;
            }
            Arrays.sort(byStart);
            int agencies = this.agencies.size();
            // agencies renumbered by their first start, so a count can stop at the first agency
            // that starts after its day
            int[] rank = new int[agencies];
            Arrays.fill(rank, -1);
            List<UsState> statesByRank = new ArrayList<>(agencies);
            for (long key : byStart) {
                int a = agency[(int) key];
                if (rank[a] < 0) {
                    rank[a] = statesByRank.size();
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
