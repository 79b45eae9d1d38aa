package org.agreementledger.reporting;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;

/**
 * How many agreements were in force on {@code asOf}, as the public record stood on
 * {@code knownAt}: agreements, distinct agencies holding at least one, distinct states (the 50 and
 * the District of Columbia) and distinct territories ({@link UsState#isTerritory()}) with one, and
 * the same broken down by model (every model, zero included), by state or territory and by agency
 * type (only those with an agreement in force). Agencies go by their id as known at {@code knownAt}
 * ({@link AgreementVersion#agencyId()}).
 */
public record Counts(LocalDate asOf, LocalDate knownAt, long agreements, long agencies, long states, long territories,
                     Map<SupportModel, Tally> byModel, Map<String, Tally> byState, Map<String, Tally> byAgencyType) {

    /** How a missing agency type is shown; ICE's sheets leave the column empty for some agencies. */
    public static final String NO_AGENCY_TYPE = "(not stated)";

    public Counts {
        Map<SupportModel, Tally> models = new EnumMap<>(SupportModel.class);
        for (SupportModel model : SupportModel.values()) {
            models.put(model, byModel.getOrDefault(model, Tally.NONE));
        }
        byModel = Collections.unmodifiableMap(models);
        byState = Collections.unmodifiableMap(new TreeMap<>(byState));
        byAgencyType = Collections.unmodifiableMap(new TreeMap<>(byAgencyType));
    }

    /** The breakdown a person asked for, as (key, tally) rows; {@code none} is the one total row. */
    public Map<String, Tally> groups(GroupBy groupBy) {
        return switch (groupBy) {
            case none -> Map.of("all", new Tally(agreements, agencies));
            case state -> byState;
            case model -> byModel.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(),
                    Map.Entry::getValue, (a, b) -> a, TreeMap::new));
            case agencyType -> byAgencyType;
        };
    }

    /** Counts the given versions in force, in memory, the way the report queries count rows. */
    public static Counts of(LocalDate asOf, LocalDate knownAt, List<AgreementVersion> inForce) {
        Set<UsState> jurisdictions = inForce.stream().map(AgreementVersion::state).collect(Collectors.toSet());
        long territories = jurisdictions.stream().filter(UsState::isTerritory).count();
        return new Counts(asOf, knownAt, inForce.size(), distinctAgencies(inForce), jurisdictions.size() - territories,
                territories, tally(inForce, AgreementVersion::model), tally(inForce, version -> version.state().name()),
                tally(inForce, version -> agencyTypeOf(version.agencyType())));
    }

    static String agencyTypeOf(String agencyType) {
        return agencyType == null ? NO_AGENCY_TYPE : agencyType;
    }

    private static <K> Map<K, Tally> tally(List<AgreementVersion> versions, Function<AgreementVersion, K> key) {
        Map<K, List<AgreementVersion>> grouped = versions.stream().collect(Collectors.groupingBy(key));
        Map<K, Tally> tallies = new java.util.HashMap<>();
        grouped.forEach((k, group) -> tallies.put(k, new Tally(group.size(), distinctAgencies(group))));
        return tallies;
    }

    private static long distinctAgencies(List<AgreementVersion> versions) {
        Set<String> agencies = versions.stream().map(AgreementVersion::agencyId).collect(Collectors.toSet());
        return agencies.size();
    }
}
