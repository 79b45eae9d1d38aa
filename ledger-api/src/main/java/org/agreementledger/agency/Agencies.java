package org.agreementledger.agency;

import java.util.List;
import org.agreementledger.agreement.AgreementHistory;
import org.springframework.stereotype.Service;

/** Assembles an agency's record: its agreements from the listing, each history from the event store. */
@Service
public class Agencies {

    private final AgencyRecords records;
    private final AgreementHistory history;

    Agencies(AgencyRecords records, AgreementHistory history) {
        this.records = records;
        this.history = history;
    }

    public AgencyDocument of(String agencyId) {
        List<AgencyRecords.Held> held = records.agreementsOf(agencyId);
        if (held.isEmpty()) {
            throw new AgencyNotFoundException(agencyId);
        }
        AgencyRecords.Held latest = held.get(held.size() - 1);
        return new AgencyDocument(agencyId, latest.agencyName(), latest.state(), held.stream()
                .map(a -> new AgencyDocument.AgreementOfAgency(a.agreementId(), a.model().name(), a.signedOn(),
                        a.county(), a.agencyType(), a.inForce(), history.of(a.agreementId())))
                .toList());
    }
}
