package org.agreementledger.api;

import java.time.LocalDate;

/**
 * A request's identity: {@code {agencyId}#{MODEL}#requested-{date}}, the date it was first listed
 * as pending. A request closed and made again later is a new request.
 */
public final class AgreementRequestId {

    private AgreementRequestId() {
    }

    public static String of(String agencyId, SupportModel model, LocalDate requestedOn) {
        return agencyId + "#" + model.name() + "#requested-" + requestedOn;
    }
}
