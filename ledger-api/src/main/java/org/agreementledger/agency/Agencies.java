package org.agreementledger.agency;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.agreementledger.agreement.app.AgreementHistory;
import org.agreementledger.api.AgreementId;
import org.springframework.stereotype.Service;

/**
 * Assembles an agency's record: its agreements from the listing, each history from the event store.
 * An agency is asked for by either of its ids, the one its agreements are known under now or one
 * they were signed under before ICE corrected the name:
 * <ul>
 * <li>an id some agreement is known under now answers that agency: those agreements, and any signed
 *     under the id and known under another since (each agreement says which agency it is now);</li>
 * <li>an id only signed under, every such agreement renamed since, answers the agency (or agencies)
 *     they are known as now, with all of its agreements, including those signed under the new name.</li>
 * </ul>
 */
@Service
public class Agencies {

    private final AgencyRecords records;
    private final AgreementHistory history;

    Agencies(AgencyRecords records, AgreementHistory history) {
        this.records = records;
        this.history = history;
    }

    public AgencyDocument of(String agencyId) {
        List<AgencyRecords.Held> held = records.knownAsOrSignedUnder(agencyId);
        if (held.isEmpty()) {
            throw new AgencyNotFoundException(agencyId);
        }
        boolean knownAsAsked = held.stream().anyMatch(agreement -> agreement.agencyId().equals(agencyId));
        if (!knownAsAsked) {
            held = records.knownAs(held.stream().map(AgencyRecords.Held::agencyId).distinct().toList());
        }
        SortedSet<String> knownNowAs = new TreeSet<>();
        held.forEach(agreement -> knownNowAs.add(agreement.agencyId()));
        // renamed: the id it is known by now, unless its agreements went to several agencies
        String id = knownAsAsked || knownNowAs.size() > 1 ? agencyId : knownNowAs.first();
        AgencyRecords.Held latest = held.stream().filter(agreement -> agreement.agencyId().equals(id))
                .reduce((first, second) -> second).orElse(held.get(held.size() - 1));
        SortedSet<String> otherIds = new TreeSet<>(knownNowAs);
        held.forEach(agreement -> otherIds.add(AgreementId.agencyOf(agreement.agreementId())));
        otherIds.remove(id);
        return new AgencyDocument(id, latest.agencyName(), latest.state(), List.copyOf(otherIds), held.stream()
                .map(a -> new AgencyDocument.AgreementOfAgency(a.agreementId(), a.agencyId(), a.agencyName(),
                        a.model().name(), a.signedOn(), a.county(), a.agencyType(), a.inForce(),
                        history.of(a.agreementId())))
                .toList());
    }
}
