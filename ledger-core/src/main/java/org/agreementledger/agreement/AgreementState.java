package org.agreementledger.agreement;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import org.agreementledger.api.AgreementAmendment;
import org.agreementledger.api.AgreementCorrected;
import org.agreementledger.api.AgreementEvent;
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

/**
 * What an agreement's events say about it, and the rules that decide which event a command may
 * append: the one place those rules live. The {@link Agreement} aggregate decides every command
 * through it, and so does the import's batch path ({@code AgreementBatch}), which decides many
 * commands without loading an aggregate per command; both therefore refuse the same commands with
 * the same messages and append the same events.
 */
record AgreementState(String agreementId, SupportModel model, LocalDate inForceFrom, LocalDate withdrawnOn,
                      Map<CorrectableField, String> facts) {

    /** The event a signing appends: it creates the agreement, so there is no state to consult. */
    static AgreementSigned sign(SignAgreement command) {
        LocalDate knownOn = EventDates.knownOn(command.knownOn());
        if (command.signedOn() != null) {
            EventDates.notAfterKnownOn("signedOn", command.signedOn(), knownOn);
        }
        EventDates.notAfterKnownOn("effectiveOn", command.effectiveOn(), knownOn);
        if (command.signedOn() != null && command.effectiveOn().isBefore(command.signedOn())) {
            // an agreement binds nobody before it is signed; an undated signing has only its effectiveOn
            throw new InvalidFieldException("effectiveOn", command.effectiveOn() + " is before signedOn "
                    + command.signedOn() + "; a signing takes effect on or after the day it was signed");
        }
        return new AgreementSigned(command.agreementId(), command.agencyId(), command.agencyName(), command.state(),
                command.county(), command.agencyType(), command.model(), command.signedOn(), command.moaLink(),
                command.effectiveOn(), knownOn, command.source(), command.signedOnRepair());
    }

    /**
     * The event an amendment of this agreement appends, or an {@link InvalidFieldException} saying
     * why it may not.
     */
    AgreementEvent decide(AgreementAmendment command) {
        if (command instanceof ChangeSupportModel c) {
            return decide(c);
        }
        if (command instanceof WithdrawAgreement c) {
            return decide(c);
        }
        if (command instanceof ReinstateAgreement c) {
            return decide(c);
        }
        if (command instanceof CorrectAgreement c) {
            return decide(c);
        }
        throw new IllegalArgumentException("an amendment unknown here: " + command.getClass().getName());
    }

    SupportModelChanged decide(ChangeSupportModel command) {
        LocalDate knownOn = EventDates.knownOn(command.knownOn());
        EventDates.notAfterKnownOn("effectiveOn", command.effectiveOn(), knownOn);
        requireInForceOn(command.effectiveOn());
        if (command.to() == model) {
            throw new InvalidFieldException("to", "agreement '" + agreementId + "' is already under " + model);
        }
        return new SupportModelChanged(agreementId, model, command.to(), command.effectiveOn(), knownOn,
                command.source());
    }

    AgreementWithdrawn decide(WithdrawAgreement command) {
        LocalDate knownOn = EventDates.knownOn(command.knownOn());
        EventDates.notAfterKnownOn("effectiveOn", command.effectiveOn(), knownOn);
        requireInForceOn(command.effectiveOn());
        return new AgreementWithdrawn(agreementId, command.reason(), command.effectiveOn(), knownOn,
                command.source());
    }

    AgreementReinstated decide(ReinstateAgreement command) {
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
        return new AgreementReinstated(agreementId, command.effectiveOn(), knownOn, command.source());
    }

    AgreementCorrected decide(CorrectAgreement command) {
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
        return new AgreementCorrected(agreementId, command.field(), command.oldValue(), command.newValue(),
                effectiveOn, knownOn, command.source());
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

    /** The agreement as its signing made it. */
    static AgreementState signed(AgreementSigned event) {
        AgreementFacts facts = AgreementFacts.signed(event);
        return new AgreementState(event.agreementId(), event.model(), facts.start(), null, facts.values());
    }

    /** The agreement after one of its later events (a signing starts a new state: {@link #signed}). */
    AgreementState after(AgreementEvent event) {
        if (event instanceof SupportModelChanged e) {
            return new AgreementState(agreementId, e.to(), inForceFrom, withdrawnOn, facts);
        }
        if (event instanceof AgreementWithdrawn e) {
            return new AgreementState(agreementId, model, inForceFrom, e.effectiveOn(), facts);
        }
        if (event instanceof AgreementReinstated e) {
            // nothing may be recorded as happening to it in the gap before it came back
            return new AgreementState(agreementId, model, e.effectiveOn(), null, facts);
        }
        if (event instanceof AgreementCorrected e) {
            // from the day it is in force since, which a reinstatement may have moved
            AgreementFacts corrected = new AgreementFacts(facts, inForceFrom).corrected(e);
            return new AgreementState(agreementId, model, corrected.start(), withdrawnOn, corrected.values());
        }
        if (event instanceof AgreementSigned e) {
            return signed(e);
        }
        throw new IllegalArgumentException("not an agreement event: " + event.getClass().getName());
    }
}
