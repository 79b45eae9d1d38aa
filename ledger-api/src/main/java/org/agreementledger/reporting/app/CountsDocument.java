package org.agreementledger.reporting.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agreementledger.reporting.Counts;
import org.agreementledger.reporting.GroupBy;
import org.agreementledger.reporting.Tally;

/**
 * The counts as the HTTP API and {@code bin/ledger counts --format json} write them. states counts
 * the 50 states and the District of Columbia, territories the five inhabited territories (Guam,
 * Northern Mariana Islands, Puerto Rico, U.S. Virgin Islands, American Samoa). byModel and byState
 * are always there (every model, zero included; byState every state and territory with an agreement in force);
 * byAgencyType only when asked for; ledgerAt only for an audit replay; pendingAgencies (agencies
 * with a request pending on ICE's pending lists, as of the date as known on the date) except in an
 * audit replay, which folds agreement events only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CountsDocument(LocalDate asOf, LocalDate knownAt, Instant ledgerAt, long agreements, long agencies,
                             @Schema(description = "states (the 50 and the District of Columbia) with an agreement in"
                                     + " force; territories are counted apart") long states,
                             @Schema(description = "territories (GU, MP, PR, VI, AS) with an agreement in force")
                             long territories,
                             Integer pendingAgencies, Map<String, Long> byModel,
                             @Schema(description = "every state and territory with an agreement in force, by USPS"
                                     + " code") Map<String, Tally> byState,
                             Map<String, Tally> byAgencyType) {

    /** @param pendingAgencies agencies with a request pending (ICE's pending lists); null for an audit replay */
    public static CountsDocument of(Counts counts, GroupBy groupBy, Instant ledgerAt, Integer pendingAgencies) {
        Map<String, Long> byModel = new LinkedHashMap<>();
        counts.byModel().forEach((model, tally) -> byModel.put(model.name(), tally.agreements()));
        return new CountsDocument(counts.asOf(), counts.knownAt(), ledgerAt, counts.agreements(), counts.agencies(),
                counts.states(), counts.territories(), pendingAgencies, byModel, counts.byState(),
                groupBy == GroupBy.agencyType ? counts.byAgencyType() : null);
    }
}
