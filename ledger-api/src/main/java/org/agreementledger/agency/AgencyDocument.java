package org.agreementledger.agency;

import java.util.List;
import org.agreementledger.agreement.HistoryEntry;
import org.agreementledger.api.UsState;

/** An agency: its name and state as last recorded, and each of its agreements with its whole history. */
public record AgencyDocument(String agencyId, String agencyName, UsState state, List<AgreementOfAgency> agreements) {

    /** An agreement with its current facts ({@code inForce}: now, as the ledger knows it) and every event. */
    public record AgreementOfAgency(String agreementId, String model, java.time.LocalDate signedOn, String county,
                                    String agencyType, boolean inForce, List<HistoryEntry> history) {
    }
}
