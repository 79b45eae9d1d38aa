package org.agreementledger.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agreementledger.api.AgreementRequestId;
import org.agreementledger.api.CloseAgreementRequest;
import org.agreementledger.api.ImportReport.RowNote;
import org.agreementledger.api.RequestAgreement;
import org.agreementledger.api.RequestClosure;

/**
 * Turns a pending-agencies publication into commands: a request for each agency and model newly
 * listed, and a closure for each open request no longer listed (signed, if the agency now holds
 * an agreement in force under that model; else simply gone from the list). ICE prints no dates on
 * this list, so a request is pending from the first publication that lists it.
 */
public final class PendingDiff {

    private PendingDiff() {
    }

    /** The commands, and each distinct request listed (by agency and model) with its row. */
    public record Plan(List<Object> commands, Map<String, PendingRow> listed, List<RowNote> duplicates) {
    }

    public static Plan plan(Publication publication, List<PendingRow> rows, Collection<OpenRequest> open,
                            Collection<LedgerAgreement> ledger) {
        LocalDate on = publication.publishedOn();
        Map<String, PendingRow> listed = new LinkedHashMap<>();
        List<RowNote> duplicates = new ArrayList<>();
        for (PendingRow row : rows) {
            String key = ListingKey.agencyAndModel(row.agencyId(), row.model());
            PendingRow first = listed.putIfAbsent(key, row);
            if (first != null) {
                duplicates.add(new RowNote(row.sheetRow(), "LAW ENFORCEMENT AGENCY", row.agencyName(),
                        "repeats row " + first.sheetRow() + " (" + key + "); listed once"));
            }
        }
        Map<String, OpenRequest> openByKey = new TreeMap<>();
        open.forEach(request -> openByKey.putIfAbsent(request.agencyAndModel(), request));
        Map<String, String> signedByKey = new TreeMap<>();
        ledger.stream().filter(LedgerAgreement::inForce).forEach(agreement -> signedByKey.putIfAbsent(
                ListingKey.agencyAndModel(agreement.agencyId(), agreement.model()), agreement.agreementId()));

        List<Object> commands = new ArrayList<>();
        listed.forEach((key, row) -> {
            if (!openByKey.containsKey(key)) {
                commands.add(new RequestAgreement(AgreementRequestId.of(row.agencyId(), row.model(), on), row.state(),
                        row.agencyName(), row.county(), row.agencyType(), row.model(), on, on,
                        publication.source(row.sheetRow())));
            }
        });
        openByKey.forEach((key, request) -> {
            if (!listed.containsKey(key)) {
                String agreementId = signedByKey.get(key);
                commands.add(new CloseAgreementRequest(request.requestId(),
                        agreementId == null ? RequestClosure.REMOVED_FROM_PENDING_LIST : RequestClosure.SIGNED,
                        agreementId, on, on, publication.source()));
            }
        });
        return new Plan(List.copyOf(commands), listed, List.copyOf(duplicates));
    }
}
