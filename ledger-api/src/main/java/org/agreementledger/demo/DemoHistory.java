package org.agreementledger.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.AgreementId;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.Source;
import org.agreementledger.api.SourceKind;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.api.WithdrawAgreement;
import org.agreementledger.api.WithdrawalReason;
import org.agreementledger.demo.DemoNames.Kind;

/**
 * A made-up history of 287(g) agreements, every event of it {@link SourceKind#SYNTHETIC}, calibrated
 * so that at its default size it reproduces the figures published about the program (see
 * {@link DemoFigures}) exactly, with plausible growth between them. Deterministic per seed.
 *
 * <p>The calibration is by construction, not by search: the agreements in force on 2026-01-26 are
 * laid out first (state by state, so the five published state figures and 39 states hold, then
 * agency by agency, so 1,168 agencies hold), and every other agreement is given dates that keep it
 * out of, or in, each claim date on purpose: for example an agency withdrawn between 2021-01-20 and
 * 2025-01-19 counts on the first date and not the second. The groups and their sizes are in
 * {@link DemoFigures}.
 *
 * <p>{@link #commands()} streams the commands in append order (by knownOn: the order in which the
 * facts became public). Nothing but compact primitive arrays (about 40 bytes an agreement) is held;
 * each command is built when it is asked for, so a history of a million agreements fits in a small
 * heap.
 */
public final class DemoHistory {

    private static final int SIGN = 0;
    private static final int CORRECT = 1;
    private static final int WITHDRAW = 2;
    private static final double[] MODEL_WEIGHTS = {0.14, 0.50, 0.36}; // JEM, TFM, WSO (SupportModel order)
    private static final SupportModel[] MODELS = SupportModel.values();
    private static final WithdrawalReason[] REASONS = {WithdrawalReason.WITHDRAWN_BY_AGENCY,
            WithdrawalReason.WITHDRAWN_BY_AGENCY, WithdrawalReason.WITHDRAWN_BY_AGENCY,
            WithdrawalReason.TERMINATED_BY_ICE, WithdrawalReason.REMOVED_FROM_ICE_LIST};

    private final long seed;
    private final SplittableRandom random;
    private final Source source;

    // agencies
    private final Ints agencyState = new Ints();
    private final Ints agencyKind = new Ints();
    private final Ints agencyNumber = new Ints();
    private final Ints agencyModels = new Ints(); // bit mask of the models it signed
    private final Ints agencyFirst = new Ints(); // epoch day of its first signing
    private final Ints agencyActive = new Ints(); // its agreements not withdrawn
    private final Map<UsState, int[]> kindCounters = new EnumMap<>(UsState.class);
    // agreements
    private final Ints agency = new Ints();
    private final Ints model = new Ints();
    private final Ints signedOn = new Ints();
    private final Ints signKnown = new Ints();
    private final Ints withdrawnOn = new Ints();
    private final Ints withdrawKnown = new Ints();
    private final Ints correctKnown = new Ints();
    private final Ints reason = new Ints();

    private long[] order;

    private DemoHistory(long seed, double scale) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.source = new Source(SourceKind.SYNTHETIC, "Synthetic demo history, not real data (seed " + seed + ")",
                "bin/ledger demo", null, null, null);
        build(DemoFigures.groups(scale));
    }

    /** The calibrated history: every published figure in {@link DemoFigures} holds exactly. */
    public static DemoHistory calibrated(long seed) {
        return new DemoHistory(seed, 1.0);
    }

    /**
     * A history of about {@code agreements} agreements (withdrawn ones included), every group scaled
     * alike; the published figures hold exactly only at {@link DemoFigures#DEFAULT_AGREEMENTS}.
     */
    public static DemoHistory of(long seed, long agreements) {
        if (agreements < 1 || agreements > 100_000_000) {
            throw new IllegalArgumentException("agreements must be between 1 and 100,000,000");
        }
        return new DemoHistory(seed, agreements / (double) DemoFigures.DEFAULT_AGREEMENTS);
    }

    public long seed() {
        return seed;
    }

    /** Agreements signed, withdrawn ones included. */
    public int agreements() {
        return agency.size;
    }

    public int agencies() {
        return agencyState.size;
    }

    /** How many commands {@link #commands()} yields. */
    public int size() {
        return order.length;
    }

    public int withdrawals() {
        int n = 0;
        for (int i = 0; i < withdrawnOn.size; i++) {
            n += withdrawnOn.get(i) >= 0 ? 1 : 0;
        }
        return n;
    }

    public int corrections() {
        int n = 0;
        for (int i = 0; i < correctKnown.size; i++) {
            n += correctKnown.get(i) >= 0 ? 1 : 0;
        }
        return n;
    }

    /** The commands, in append order, built one at a time. */
    public Iterator<Object> commands() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long key = order[next++];
                int index = (int) (key & 0xFFFF_FFFFL) >>> 2;
                return command(index, (int) (key & 3));
            }
        };
    }

    // ---- construction -------------------------------------------------------------------------

    private void build(DemoFigures.Groups groups) {
        LocalDate t0 = DemoFigures.END_OF_FIRST_TRUMP_TERM;
        LocalDate t1 = DemoFigures.END_OF_BIDEN_TERM;
        LocalDate t2 = DemoFigures.FWD_US_DATE;
        LocalDate t3 = DemoFigures.ICE_DATE;

        // 1. the agreements in force on t2, state by state; then their agencies
        Map<UsState, Integer> agreementsByState = groups.agreementsByState();
        Map<UsState, Integer> agenciesByState = groups.agenciesByState();
        List<Integer> inForceAgencies = new ArrayList<>();
        Map<Integer, int[]> extrasOf = new LinkedHashMap<>();
        for (Map.Entry<UsState, Integer> entry : agreementsByState.entrySet()) {
            UsState state = entry.getKey();
            int count = agenciesByState.get(state);
            List<Integer> here = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                here.add(newAgency(state));
            }
            inForceAgencies.addAll(here);
            // the agreements beyond one per agency go to agencies with a model still unsigned
            for (int extra = entry.getValue() - count; extra > 0; ) {
                int a = here.get(random.nextInt(here.size()));
                int[] n = extrasOf.computeIfAbsent(a, k -> new int[1]);
                if (n[0] < 2) {
                    n[0]++;
                    extra--;
                }
            }
        }
        shuffle(inForceAgencies);
        int h = groups.historic();
        int b = groups.bidenEra();
        List<Integer> t2Agreements = new ArrayList<>();
        for (int i = 0; i < inForceAgencies.size(); i++) {
            int a = inForceAgencies.get(i);
            // historic agencies signed before t0 (growing towards it), Biden-era ones between t0 and t1,
            // the rest in the wave after t1, most early in it
            int primary = i < h ? skewed(DemoFigures.FIRST_DAY, t0.minusDays(30), 0.5)
                    : i < h + b ? between(t0.plusDays(1), t1) : skewed(t1.plusDays(1), t2, 1.25);
            t2Agreements.add(sign(a, primary));
            int[] extras = extrasOf.get(a);
            for (int e = 0; extras != null && e < extras[0]; e++) {
                // most second agreements came in the 2025 wave; none before the agency's first
                int from = Math.max(primary, random.nextInt(5) == 0 ? primary : epoch(t1) + 1);
                t2Agreements.add(sign(a, Math.min(epoch(t2), from + random.nextInt(Math.max(1, epoch(t2) - from + 1)))));
            }
        }

        // 2. agreements withdrawn before t2, one agency each, dated to stay out of (or in) each claim date
        for (int i = 0; i < groups.oldWithdrawn(); i++) { // signed and gone before t0
            int s = between(DemoFigures.FIRST_DAY, LocalDate.of(2016, 12, 31));
            withdraw(sign(newAgency(groups.pickState(random)), s), between(s + 180, epoch(t0) - 1));
        }
        for (int i = 0; i < groups.endedBeforeBidenEnd(); i++) { // in force on t0, gone by t1
            int s = skewed(LocalDate.of(2009, 1, 1), t0.minusDays(60), 0.5);
            withdraw(sign(newAgency(groups.pickState(random)), s), between(epoch(t0) + 1, epoch(t1)));
        }
        for (int i = 0; i < groups.shortLivedBidenEra(); i++) { // signed after t0, gone before t1
            int s = between(t0.plusDays(1), t1.minusDays(400));
            withdraw(sign(newAgency(groups.pickState(random)), s), between(s + 60, epoch(t1) - 1));
        }
        for (int i = 0; i < groups.endedBeforeFwdUs(); i++) { // in force on t1, gone by t2
            int s = between(t0.plusDays(1), t1);
            withdraw(sign(newAgency(groups.pickState(random)), s), between(epoch(t1) + 1, epoch(t2)));
        }
        for (int i = 0; i < groups.shortLivedWave(); i++) { // signed after t1, gone by t2
            int s = between(t1.plusDays(1), t2.minusDays(90));
            withdraw(sign(newAgency(groups.pickState(random)), s), between(s + 30, epoch(t2)));
        }
        for (int i = 0; i < groups.withdrawnExtras(); i++) { // a second agreement that did not last
            int a = inForceAgencies.get(random.nextInt(inForceAgencies.size()));
            int first = agencyFirst.get(a);
            if (first > epoch(t2) - 60 || Integer.bitCount(agencyModels.get(a)) >= 3) {
                i--;
                continue;
            }
            int s = between(first, epoch(t2) - 40);
            withdraw(sign(a, s), between(s + 20, epoch(t2)));
        }

        // 3. after t2: some second agreements end, new agencies sign, a fortieth state joins
        for (int i = 0; i < groups.endedAfterFwdUs(); i++) {
            int k = t2Agreements.get(random.nextInt(t2Agreements.size()));
            if (withdrawnOn.get(k) >= 0 || agencyActive.get(agency.get(k)) < 2) {
                i--; // keep every agency and state of t2 in force: only second agreements end
                continue;
            }
            withdraw(k, between(epoch(t2) + 1, epoch(t3)));
        }
        int last = -1;
        for (int i = 0; i < groups.newStateAgencies(); i++) {
            int a = newAgency(DemoFigures.FORTIETH_STATE);
            last = sign(a, between(epoch(t2) + 1, epoch(t3)));
            last = sign(a, between(epoch(t2) + 1, epoch(t3)));
        }
        for (int i = 0; i < groups.newAgenciesAfterFwdUs(); i++) {
            last = sign(newAgency(groups.pickState(random)), between(epoch(t2) + 1, epoch(t3)));
        }
        for (int i = 0; i < groups.newExtrasAfterFwdUs(); i++) {
            int a = inForceAgencies.get(random.nextInt(inForceAgencies.size()));
            if (Integer.bitCount(agencyModels.get(a)) >= 3) {
                i--;
                continue;
            }
            last = sign(a, between(epoch(t2) + 1, epoch(t3)));
        }
        if (last >= 0) { // ICE's figure is of t3: the record reaches that day
            signedOn.set(last, epoch(t3));
            signKnown.set(last, epoch(t3));
        }

        // 4. corrections of a misspelt county, about 2%
        for (int k = 0; k < agency.size; k++) {
            Kind kind = Kind.values()[agencyKind.get(agency.get(k))];
            if (kind != Kind.STATE && random.nextDouble() < DemoFigures.CORRECTED_SHARE) {
                correctKnown.set(k, Math.min(epoch(DemoFigures.LAST_KNOWN_DAY), signKnown.get(k) + 5 + random.nextInt(200)));
            }
        }
        order();
    }

    private int newAgency(UsState state) {
        int[] counters = kindCounters.computeIfAbsent(state, s -> new int[Kind.values().length]);
        Kind kind = pickKind();
        if (kind == Kind.STATE && counters[Kind.STATE.ordinal()] >= DemoNames.STATE_AGENCY_COUNT) {
            kind = Kind.SHERIFF;
        }
        agencyState.add(state.ordinal());
        agencyKind.add(kind.ordinal());
        agencyNumber.add(counters[kind.ordinal()]++);
        agencyModels.add(0);
        agencyFirst.add(Integer.MAX_VALUE);
        agencyActive.add(0);
        return agencyState.size - 1;
    }

    /** A new agreement of the agency under a model it has not signed yet (weighted TFM 50, WSO 36, JEM 14). */
    private int sign(int a, int day) {
        int mask = agencyModels.get(a);
        double total = 0;
        for (int m = 0; m < MODELS.length; m++) {
            total += (mask & (1 << m)) == 0 ? MODEL_WEIGHTS[m] : 0;
        }
        int chosen = -1;
        if (total == 0) {
            chosen = random.nextInt(MODELS.length); // all three signed before: a renewal under one (new date)
        } else {
            double pick = random.nextDouble() * total;
            for (int m = 0; m < MODELS.length && chosen < 0; m++) {
                double w = (mask & (1 << m)) == 0 ? MODEL_WEIGHTS[m] : 0;
                if (pick < w) {
                    chosen = m;
                }
                pick -= w;
            }
            if (chosen < 0) {
                chosen = Integer.numberOfTrailingZeros(~mask);
            }
        }
        agencyModels.set(a, mask | (1 << chosen));
        agencyFirst.set(a, Math.min(agencyFirst.get(a), day));
        agencyActive.set(a, agencyActive.get(a) + 1);
        agency.add(a);
        model.add(chosen);
        signedOn.add(day);
        signKnown.add(Math.min(epoch(DemoFigures.LAST_KNOWN_DAY), day + lag()));
        withdrawnOn.add(-1);
        withdrawKnown.add(-1);
        correctKnown.add(-1);
        reason.add(0);
        return agency.size - 1;
    }

    private void withdraw(int k, int day) {
        agencyActive.set(agency.get(k), agencyActive.get(agency.get(k)) - 1);
        withdrawnOn.set(k, day);
        withdrawKnown.set(k, Math.max(signKnown.get(k), Math.min(epoch(DemoFigures.LAST_KNOWN_DAY), day + lag())));
        reason.set(k, random.nextInt(REASONS.length));
    }

    /** Days until a fact is public: usually ICE's next list; about 5% are appended long after, back-dated. */
    private int lag() {
        return random.nextDouble() < DemoFigures.BACKDATED_SHARE ? 90 + random.nextInt(450) : 1 + random.nextInt(21);
    }

    private Kind pickKind() {
        int pick = random.nextInt(100);
        for (Kind kind : Kind.values()) {
            if (pick < kind.weight) {
                return kind;
            }
            pick -= kind.weight;
        }
        return Kind.SHERIFF;
    }

    /** Sorts every event by the day it became public; same day: by agreement, signing first. */
    private void order() {
        int events = agency.size;
        for (int k = 0; k < agency.size; k++) {
            events += (withdrawnOn.get(k) >= 0 ? 1 : 0) + (correctKnown.get(k) >= 0 ? 1 : 0);
        }
        order = new long[events];
        int n = 0;
        for (int k = 0; k < agency.size; k++) {
            order[n++] = key(signKnown.get(k), k, SIGN);
            if (correctKnown.get(k) >= 0) {
                order[n++] = key(Math.max(correctKnown.get(k), signKnown.get(k)), k, CORRECT);
            }
            if (withdrawnOn.get(k) >= 0) {
                order[n++] = key(withdrawKnown.get(k), k, WITHDRAW);
            }
        }
        Arrays.sort(order);
    }

    private static long key(int knownDay, int agreement, int kind) {
        return ((long) knownDay << 32) | ((long) agreement << 2) | kind;
    }

    // ---- the commands ---------------------------------------------------------------------------

    private Object command(int k, int kind) {
        int a = agency.get(k);
        UsState state = UsState.values()[agencyState.get(a)];
        Kind agencyKindOf = Kind.values()[agencyKind.get(a)];
        String name = DemoNames.agencyName(state, agencyKindOf, agencyNumber.get(a));
        String county = DemoNames.county(state, agencyKindOf, agencyNumber.get(a), a);
        SupportModel supportModel = MODELS[model.get(k)];
        LocalDate signed = LocalDate.ofEpochDay(signedOn.get(k));
        boolean corrected = correctKnown.get(k) >= 0;
        return switch (kind) {
            case SIGN -> new SignAgreement(state, name, corrected ? DemoNames.misspelt(county) : county,
                    agencyKindOf.agencyType, supportModel, signed, null, null,
                    LocalDate.ofEpochDay(signKnown.get(k)), source);
            case CORRECT -> new CorrectAgreement(id(state, name, supportModel, signed), CorrectableField.county,
                    DemoNames.misspelt(county), county, null,
                    LocalDate.ofEpochDay(Math.max(correctKnown.get(k), signKnown.get(k))), source, null);
            default -> new WithdrawAgreement(id(state, name, supportModel, signed), REASONS[reason.get(k)],
                    LocalDate.ofEpochDay(withdrawnOn.get(k)), LocalDate.ofEpochDay(withdrawKnown.get(k)), source,
                    null);
        };
    }

    private static String id(UsState state, String name, SupportModel model, LocalDate signed) {
        return AgreementId.of(AgencyId.of(state, name), model, signed);
    }

    // ---- dates ----------------------------------------------------------------------------------

    private static int epoch(LocalDate date) {
        return (int) date.toEpochDay();
    }

    private int between(LocalDate from, LocalDate to) {
        return between(epoch(from), epoch(to));
    }

    private int between(int from, int to) {
        return to <= from ? from : from + random.nextInt(to - from + 1);
    }

    /** A day in [from, to]: power below 1 crowds towards {@code to}, above 1 towards {@code from}. */
    private int skewed(LocalDate from, LocalDate to, double power) {
        int span = epoch(to) - epoch(from);
        return epoch(from) + (int) Math.min(span, Math.floor(Math.pow(random.nextDouble(), power) * (span + 1)));
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** A growable int array: a million agreements cost 4 MB a column, not a million objects. */
    private static final class Ints {
        private int[] values = new int[1024];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = value;
        }

        int get(int i) {
            return values[i];
        }

        void set(int i, int value) {
            values[i] = value;
        }
    }
}
