package org.agreementledger.reconciliation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * One way of reading a figure off one of ICE's lists. A published figure is compared under its own
 * measure's readings ({@link #of}); the others ({@link #otherThan}) are what a source may have counted
 * instead (agreements taken for agencies, territories taken for states), which is how a difference is
 * explained, never how a verdict is given.
 */
public enum ListReading {
    /** Distinct agreements: the list's own count nationally, the ledger's count of that day in a state. */
    AGREEMENTS("agreements"),
    /** Agencies by the ledger's identity, as known on the list's day. */
    AGENCIES_BY_IDENTITY("agencies by identity"),
    /** Distinct agencies by the name the list prints (its import report's agenciesListed): nationally only. */
    AGENCIES_BY_PRINTED_NAME("agencies by printed name"),
    /** The 50 states and DC with an agreement listed. */
    STATES("states"),
    /** States and territories together, as a source that forgets the territories are not states counts. */
    STATES_AND_TERRITORIES("states and territories");

    private final String text;

    ListReading(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    /** The readings of a measure's own rule, the preferred first. */
    static List<ListReading> of(Measure measure) {
        return switch (measure) {
            case AGREEMENTS -> List.of(AGREEMENTS);
            case AGENCIES -> List.of(AGENCIES_BY_IDENTITY, AGENCIES_BY_PRINTED_NAME);
            case STATES -> List.of(STATES);
        };
    }

    /** What a source claiming this measure may have counted instead. */
    static List<ListReading> otherThan(Measure measure) {
        return switch (measure) {
            case AGREEMENTS -> List.of(AGENCIES_BY_IDENTITY, AGENCIES_BY_PRINTED_NAME);
            case AGENCIES -> List.of(AGREEMENTS);
            case STATES -> List.of(STATES_AND_TERRITORIES);
        };
    }
}
