package org.agreementledger.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The agreement continues under another support model from {@code effectiveOn}. */
@Revision(Source.EVENT_REVISION)
public record SupportModelChanged(String agreementId, SupportModel from, SupportModel to, LocalDate effectiveOn,
                                  LocalDate knownOn, Source source) implements AgreementEvent {

    @Override
    public String summary() {
        return "support model " + from + " -> " + to;
    }
}
