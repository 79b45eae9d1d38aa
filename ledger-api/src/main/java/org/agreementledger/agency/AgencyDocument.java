package org.agreementledger.agency;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.agreementledger.agreement.app.HistoryEntry;
import org.agreementledger.api.UsState;

/**
 * An agency: its id, name and state as last recorded, the other ids its agreements were signed
 * under or are known under now ({@code otherAgencyIds}: an agency ICE renamed has two), and each of its
 * agreements with its whole history.
 */
public record AgencyDocument(
        @Schema(description = "the agency's id as its name is known now") String agencyId,
        String agencyName, UsState state,
        @Schema(description = "other ids of the same agreements: an id they were signed under before a rename, or"
                + " (asked by an id some agreements were renamed away from) the id they are known under now")
        List<String> otherAgencyIds,
        List<AgreementOfAgency> agreements) {

    /**
     * An agreement with its current facts ({@code inForce}: now, as the ledger knows it) and every event;
     * {@code agencyId} and {@code agencyName} as known now, while {@code agreementId} keeps the agency
     * it was signed under.
     */
    public record AgreementOfAgency(String agreementId, String agencyId, String agencyName, String model,
                                    java.time.LocalDate signedOn, String county, String agencyType, boolean inForce,
                                    List<HistoryEntry> history) {
    }
}
