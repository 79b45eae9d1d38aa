package org.agreementledger.agreement;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.agreementledger.api.AgreementCorrected;
import org.agreementledger.api.AgreementReinstated;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.AgreementWithdrawn;
import org.agreementledger.api.ChangeSupportModel;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.ReinstateAgreement;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.SupportModelChanged;
import org.agreementledger.api.WithdrawAgreement;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** One 287(g) memorandum of agreement. Decides whether an event may be appended, then applies it. */
@Aggregate
class Agreement {

    @AggregateIdentifier
    private String agreementId;
    private SupportModel model;
    private LocalDate inForceFrom;
    private LocalDate withdrawnOn;
    private final Map<CorrectableField, String> facts = new EnumMap<>(CorrectableField.class);

    Agreement() {
        // for Axon, which rebuilds the agreement from its events
    }

    @CommandHandler
    Agreement(SignAgreement command) {
        LocalDate knownOn = EventDates.knownOn(command.knownOn());
        if (command.signedOn() != null) {
            EventDates.notAfterKnownOn("signedOn", command.signedOn(), knownOn);
        }
        EventDates.notAfterKnownOn("effectiveOn", command.effectiveOn(), knownOn);
        apply(new AgreementSigned(command.agreementId(), command.agencyId(), command.agencyName(), command.state(),
                command.county(), command.agencyType(), command.model(), command.signedOn(), command.moaLink(),
                command.effectiveOn(), knownOn, command.source(), command.signedOnRepair()));
    }

    @CommandHandler
    void handle(ChangeSupportModel command) {
        LocalDate knownOn = EventDates.knownOn(command.knownOn());
        EventDates.notAfterKnownOn("effectiveOn", command.effectiveOn(), knownOn);
        requireInForceOn(command.effectiveOn());
        if (command.to() == model) {
            throw new InvalidFieldException("to", "agreement '" + agreementId + "' is already under " + model);
        }
        apply(new SupportModelChanged(agreementId, model, command.to(), command.effectiveOn(), knownOn,
                command.source()));
    }

    @CommandHandler
    void handle(WithdrawAgreement command) {
        LocalDate knownOn = EventDates.knownOn(command.knownOn());
        EventDates.notAfterKnownOn("effectiveOn", command.effectiveOn(), knownOn);
        requireInForceOn(command.effectiveOn());
        apply(new AgreementWithdrawn(agreementId, command.reason(), command.effectiveOn(), knownOn,
                command.source()));
    }

    @CommandHandler
    void handle(ReinstateAgreement command) {
        LocalDate knownOn = EventDates.knownOn(command.knownOn());
        EventDates.notAfterKnownOn("effectiveOn", command.effectiveOn(), knownOn);
        if (withdrawnOn == null) {
            throw new InvalidFieldException("agreementId", "agreement '" + agreementId + "' is in force; only a"
                    + " withdrawn agreement can be reinstated");
        }
        if (command.effectiveOn().isBefore(withdrawnOn)) {
            throw new InvalidFieldException("effectiveOn", command.effectiveOn() + " is before agreement '"
                    + agreementId + "' was withdrawn on " + withdrawnOn);
        }
        apply(new AgreementReinstated(agreementId, command.effectiveOn(), knownOn, command.source()));
    }

    @CommandHandler
    void handle(CorrectAgreement command) {
        LocalDate knownOn = EventDates.knownOn(command.knownOn());
        LocalDate effectiveOn = command.effectiveOn() == null ? knownOn : command.effectiveOn();
        EventDates.notAfterKnownOn("effectiveOn", effectiveOn, knownOn);
        String current = facts.get(command.field());
        if (!Objects.equals(current, command.oldValue())) {
            throw new InvalidFieldException("oldValue", "'" + command.oldValue() + "' is not the recorded "
                    + command.field() + " of '" + agreementId + "', which is '" + current + "'");
        }
        if (Objects.equals(current, command.newValue())) {
            throw new InvalidFieldException("newValue", "equals the recorded " + command.field()
                    + "; a correction must change something");
        }
        if (command.field() == CorrectableField.signedOn) {
            EventDates.notAfterKnownOn("newValue", LocalDate.parse(command.newValue()), knownOn);
        }
        apply(new AgreementCorrected(agreementId, command.field(), command.oldValue(), command.newValue(),
                effectiveOn, knownOn, command.source()));
    }

    private void requireInForceOn(LocalDate effectiveOn) {
        if (withdrawnOn != null) {
            throw new InvalidFieldException("agreementId", "agreement '" + agreementId + "' was withdrawn on "
                    + withdrawnOn);
        }
        if (effectiveOn.isBefore(inForceFrom)) {
            throw new InvalidFieldException("effectiveOn", effectiveOn + " is before agreement '" + agreementId
                    + "' took effect on " + inForceFrom);
        }
    }

    @EventSourcingHandler
    void on(AgreementSigned event) {
        agreementId = event.agreementId();
        model = event.model();
        inForceFrom = event.effectiveOn();
        facts.put(CorrectableField.agencyName, event.agencyName());
        facts.put(CorrectableField.county, event.county());
        facts.put(CorrectableField.agencyType, event.agencyType());
        facts.put(CorrectableField.signedOn, event.signedOn() == null ? null : event.signedOn().toString());
        facts.put(CorrectableField.moaLink, event.moaLink());
    }

    @EventSourcingHandler
    void on(SupportModelChanged event) {
        model = event.to();
    }

    @EventSourcingHandler
    void on(AgreementWithdrawn event) {
        withdrawnOn = event.effectiveOn();
    }

    @EventSourcingHandler
    void on(AgreementReinstated event) {
        withdrawnOn = null;
        // nothing may be recorded as happening to it in the gap before it came back
        inForceFrom = event.effectiveOn();
    }

    @EventSourcingHandler
    void on(AgreementCorrected event) {
        facts.put(event.field(), event.newValue());
        if (event.field() == CorrectableField.signedOn) {
            // the signing date is when the agreement came into force; a corrected date moves that
            inForceFrom = LocalDate.parse(event.newValue());
        }
    }
}
