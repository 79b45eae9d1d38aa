package org.agreementledger.reporting;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;

/**
 * One agency's rows as a snapshot's changes leave them (the arrays' rows plus and minus the
 * changes), each with how many times it occurs, by start of valid time: what counts, timelines and
 * a fold read for an agency the overlay touches, made once per applied batch rather than per
 * question. Packed: a row's stretches, model and multiplicity are {@link #STRIDE} ints of one
 * array, its agency type an entry of another (the arrays' own string where they know the type), so
 * an agency is three objects however many rows it has. An overlay holds one per changed agency
 * until the next fold, through every young collection meanwhile: as a map of {@link SnapshotVersion}s
 * it was a dozen objects a row, about 10 MB copied by each collection at a million agreements.
 * {@code differs}: how many rows (with their multiplicities) these differ from the arrays' by,
 * the overlay's share of this agency.
 */
final class AgencyRows {

    private static final int VALID_FROM = 0;
    private static final int VALID_TO = 1;
    private static final int KNOWN_FROM = 2;
    private static final int KNOWN_TO = 3;
    private static final int MODEL = 4;
    private static final int TIMES = 5;
    private static final int STRIDE = 6;
    private static final SupportModel[] MODELS = SupportModel.values();

    private final UsState state;
    private final int[] packed;
    private final String[] types;
    private final long differs;

    private AgencyRows(UsState state, int[] packed, String[] types, long differs) {
        this.state = state;
        this.packed = packed;
        this.types = types;
        this.differs = differs;
    }

    /**
     * The rows of {@code merged} (none of them of another state than {@code state}), which differ
     * from the arrays' by {@code differs}; {@code canonical} gives the string an agency type is kept as.
     */
    static AgencyRows of(UsState state, Map<SnapshotVersion, Integer> merged, long differs,
                         UnaryOperator<String> canonical) {
        SnapshotVersion[] rows = merged.keySet().toArray(SnapshotVersion[]::new);
        Arrays.sort(rows, Comparator.comparingInt(SnapshotVersion::validFrom));
        int[] packed = new int[rows.length * STRIDE];
        String[] types = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            SnapshotVersion row = rows[i];
            int at = i * STRIDE;
            packed[at + VALID_FROM] = row.validFrom();
            packed[at + VALID_TO] = row.validTo();
            packed[at + KNOWN_FROM] = row.knownFrom();
            packed[at + KNOWN_TO] = row.knownTo();
            packed[at + MODEL] = row.model().ordinal();
            packed[at + TIMES] = merged.get(row);
            types[i] = canonical.apply(row.agencyType());
        }
        return new AgencyRows(state, packed, types, differs);
    }

    /** The rows again, each with how many times it occurs: where a batch's changes to them start from. */
    Map<SnapshotVersion, Integer> toMap(String agencyId) {
        Map<SnapshotVersion, Integer> rows = new HashMap<>();
        for (int i = 0; i < size(); i++) {
            rows.put(row(agencyId, i), times(i));
        }
        return rows;
    }

    SnapshotVersion row(String agencyId, int i) {
        int at = i * STRIDE;
        return new SnapshotVersion(agencyId, state, model(i), types[i], packed[at + VALID_FROM], packed[at + VALID_TO],
                packed[at + KNOWN_FROM], packed[at + KNOWN_TO]);
    }

    int size() {
        return types.length;
    }

    /** The agency's state; null when it holds no rows any more (all of them removed). */
    UsState state() {
        return state;
    }

    long differs() {
        return differs;
    }

    int validFrom(int i) {
        return packed[i * STRIDE + VALID_FROM];
    }

    int validTo(int i) {
        return packed[i * STRIDE + VALID_TO];
    }

    int knownFrom(int i) {
        return packed[i * STRIDE + KNOWN_FROM];
    }

    int knownTo(int i) {
        return packed[i * STRIDE + KNOWN_TO];
    }

    SupportModel model(int i) {
        return MODELS[packed[i * STRIDE + MODEL]];
    }

    String agencyType(int i) {
        return types[i];
    }

    int times(int i) {
        return packed[i * STRIDE + TIMES];
    }

    /** Row {@code i} in force on epoch day {@code day} as known on epoch day {@code known}. */
    boolean holds(int i, int day, int known) {
        int at = i * STRIDE;
        return packed[at + VALID_FROM] <= day && day < packed[at + VALID_TO] && packed[at + KNOWN_FROM] <= known
                && known < packed[at + KNOWN_TO];
    }
}
