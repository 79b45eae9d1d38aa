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
 * primitive arrays, 24 bytes a version (four dates as epoch days, the agency's ordinal, state, model
 * and agency type), sorted by the start of valid time so a count stops at the first version that
 * starts after its day. Answers equal the SQL statements' (the property test holds them side by
 * side); it is only asked while its revision is the current one.
 */
final class InForceIndex {

    /** An open upper bound (still in force, still what we know) compares after every day. */
    static final int OPEN = Integer.MAX_VALUE;

    private static final UsState[] STATES = UsState.values();
    private static final SupportModel[] MODELS = SupportModel.values();

    private final long revision;
    private final int size;
    private final int[] validFrom;
    private final int[] validTo;
    private final int[] knownFrom;
    private final int[] knownTo;
    private final int[] agency;
    private final byte[] state;
    private final byte[] model;
    private final short[] agencyType;
    /** Display names of the agency types, by their ordinal in {@link #agencyType}. */
    private final String[] agencyTypes;
    private final int agencies;

    private InForceIndex(long revision, int size, int[] validFrom, int[] validTo, int[] knownFrom, int[] knownTo,
                         int[] agency, byte[] state, byte[] model, short[] agencyType, String[] agencyTypes,
                         int agencies) {
        this.revision = revision;
        this.size = size;
        this.validFrom = validFrom;
        this.validTo = validTo;
        this.knownFrom = knownFrom;
        this.knownTo = knownTo;
        this.agency = agency;
        this.state = state;
        this.model = model;
        this.agencyType = agencyType;
        this.agencyTypes = agencyTypes;
        this.agencies = agencies;
    }

    long revision() {
        return revision;
    }

    int size() {
        return size;
    }

    /** Bytes held per version (the arrays alone), for the log and the README. */
    static int bytesPerVersion() {
        return 6 * Integer.BYTES + 2 * Byte.BYTES + Short.BYTES;
    }

    Counts counts(LocalDate asOf, LocalDate knownAt) {
        int day = (int) asOf.toEpochDay();
        int known = (int) knownAt.toEpochDay();
        int types = agencyTypes.length;
        int words = (agencies + 63) >>> 6;
        // distinct agencies per group: one bitset for all, one per model, one per agency type. An
        // agency's state is part of its id, so the national bitset also counts agencies per state.
        long[] all = new long[words];
        long[] byModelSeen = new long[MODELS.length * words];
        long[] byTypeSeen = new long[types * words];
        long agreementsTotal = 0;
        long agenciesTotal = 0;
        long[] stateAgreements = new long[STATES.length];
        long[] stateAgencies = new long[STATES.length];
        long[] modelAgreements = new long[MODELS.length];
        long[] modelAgencies = new long[MODELS.length];
        long[] typeAgreements = new long[types];
        long[] typeAgencies = new long[types];
        int end = firstStartingAfter(day);
        for (int i = 0; i < end; i++) {
            if (validTo[i] <= day || knownFrom[i] > known || knownTo[i] <= known) {
                continue;
            }
            int a = agency[i];
            int word = a >>> 6;
            long bit = 1L << a;
            int s = state[i];
            int m = model[i];
            int t = agencyType[i];
            agreementsTotal++;
            stateAgreements[s]++;
            modelAgreements[m]++;
            typeAgreements[t]++;
            if ((all[word] & bit) == 0) {
                all[word] |= bit;
                agenciesTotal++;
                stateAgencies[s]++;
            }
            int mw = m * words + word;
            if ((byModelSeen[mw] & bit) == 0) {
                byModelSeen[mw] |= bit;
                modelAgencies[m]++;
            }
            int tw = t * words + word;
            if ((byTypeSeen[tw] & bit) == 0) {
                byTypeSeen[tw] |= bit;
                typeAgencies[t]++;
            }
        }
        Map<SupportModel, Tally> byModel = new EnumMap<>(SupportModel.class);
        for (int m = 0; m < MODELS.length; m++) {
            if (modelAgreements[m] > 0) {
                byModel.put(MODELS[m], new Tally(modelAgreements[m], modelAgencies[m]));
            }
        }
        Map<String, Tally> byState = new HashMap<>();
        for (int s = 0; s < STATES.length; s++) {
            if (stateAgreements[s] > 0) {
                byState.put(STATES[s].name(), new Tally(stateAgreements[s], stateAgencies[s]));
            }
        }
        Map<String, Tally> byAgencyType = new HashMap<>();
        for (int t = 0; t < types; t++) {
            if (typeAgreements[t] > 0) {
                byAgencyType.put(agencyTypes[t], new Tally(typeAgreements[t], typeAgencies[t]));
            }
        }
        return new Counts(asOf, knownAt, agreementsTotal, agenciesTotal, byState.size(), byModel, byState,
                byAgencyType);
    }

    /**
     * The headline counts on each of {@code days} (ascending) as known on {@code knownAt}, by one
     * sweep: +1/-1 at the start and end of each version's valid time for agreements, of each
     * agency's merged stretches in force for agencies and of each state's for states, summed up
     * once over the days from the first point to the last.
     */
    List<TimelinePoint> timeline(List<LocalDate> days, LocalDate knownAt) {
        int known = (int) knownAt.toEpochDay();
        int first = (int) days.get(0).toEpochDay();
        int last = (int) days.get(days.size() - 1).toEpochDay();
        Deltas agreements = new Deltas(first, last);
        Deltas agencySpans = new Deltas(first, last);
        Deltas stateSpans = new Deltas(first, last);
        // the stretch in force being merged, per agency and per state; versions come by start day
        int[] agencyStart = new int[agencies];
        int[] agencyEnd = new int[agencies];
        Arrays.fill(agencyEnd, Integer.MIN_VALUE);
        int[] stateStart = new int[STATES.length];
        int[] stateEnd = new int[STATES.length];
        Arrays.fill(stateEnd, Integer.MIN_VALUE);
        for (int i = 0; i < size; i++) {
            if (knownFrom[i] > known || knownTo[i] <= known) {
                continue;
            }
            int from = validFrom[i];
            int to = validTo[i];
            if (from > last) {
                break; // sorted by start: nothing later reaches a point
            }
            agreements.span(from, to);
            int a = agency[i];
            if (from > agencyEnd[a]) {
                if (agencyEnd[a] != Integer.MIN_VALUE) {
                    agencySpans.span(agencyStart[a], agencyEnd[a]);
                }
                agencyStart[a] = from;
                agencyEnd[a] = to;
            } else if (to > agencyEnd[a]) {
                agencyEnd[a] = to;
            }
            int s = state[i];
            if (from > stateEnd[s]) {
                if (stateEnd[s] != Integer.MIN_VALUE) {
                    stateSpans.span(stateStart[s], stateEnd[s]);
                }
                stateStart[s] = from;
                stateEnd[s] = to;
            } else if (to > stateEnd[s]) {
                stateEnd[s] = to;
            }
        }
        for (int a = 0; a < agencies; a++) {
            if (agencyEnd[a] != Integer.MIN_VALUE) {
                agencySpans.span(agencyStart[a], agencyEnd[a]);
            }
        }
        for (int s = 0; s < STATES.length; s++) {
            if (stateEnd[s] != Integer.MIN_VALUE) {
                stateSpans.span(stateStart[s], stateEnd[s]);
            }
        }
        long[] agreementsOn = agreements.running();
        long[] agenciesOn = agencySpans.running();
        long[] statesOn = stateSpans.running();
        List<TimelinePoint> points = new ArrayList<>(days.size());
        for (LocalDate date : days) {
            int at = (int) date.toEpochDay() - first;
            points.add(new TimelinePoint(date, agreementsOn[at], agenciesOn[at], statesOn[at]));
        }
        return points;
    }

    /** The index of the first version whose valid time starts after {@code day}. */
    private int firstStartingAfter(int day) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (validFrom[mid] <= day) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Changes in a count per day from {@code first} to {@code last}; earlier changes land on {@code first}. */
    private static final class Deltas {
        private final int first;
        private final int last;
        private final long[] change;

        Deltas(int first, int last) {
            this.first = first;
            this.last = last;
            this.change = new long[last - first + 1];
        }

        /** In force from {@code from} inclusive to {@code to} exclusive ({@link #OPEN}: still). */
        void span(int from, int to) {
            if (from > last || to <= first) {
                return;
            }
            change[Math.max(from, first) - first]++;
            if (to <= last) {
                change[to - first]--;
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
        private byte[] state = new byte[1024];
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
            state[size] = (byte) usState.ordinal();
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
            state = Arrays.copyOf(state, capacity);
            model = Arrays.copyOf(model, capacity);
            agencyType = Arrays.copyOf(agencyType, capacity);
        }

        InForceIndex build() {
            if (agencyTypeNames.size() > Short.MAX_VALUE) {
                throw new IllegalStateException(agencyTypeNames.size() + " agency types");
            }
            // sort by start day: one primitive sort of (start, row) pairs, then each column permuted
            long[] order = new long[size];
            for (int i = 0; i < size; i++) {
                order[i] = ((long) validFrom[i] << 32) | i;
            }
            Arrays.sort(order);
            int[] rows = new int[size];
            for (int i = 0; i < size; i++) {
                rows[i] = (int) order[i];
            }
            order = null;
            return new InForceIndex(revision, size, permute(validFrom, rows), permute(validTo, rows),
                    permute(knownFrom, rows), permute(knownTo, rows), permute(agency, rows), permute(state, rows),
                    permute(model, rows), permute(agencyType, rows), agencyTypeNames.toArray(String[]::new),
                    agencies.size());
        }

        private static int[] permute(int[] column, int[] rows) {
            int[] sorted = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                sorted[i] = column[rows[i]];
            }
            return sorted;
        }

        private static byte[] permute(byte[] column, int[] rows) {
            byte[] sorted = new byte[rows.length];
            for (int i = 0; i < rows.length; i++) {
                sorted[i] = column[rows[i]];
            }
            return sorted;
        }

        private static short[] permute(short[] column, int[] rows) {
            short[] sorted = new short[rows.length];
            for (int i = 0; i < rows.length; i++) {
                sorted[i] = column[rows[i]];
            }
            return sorted;
        }
    }
}
