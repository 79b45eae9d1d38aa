package org.agreementledger.agreement;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.agreementledger.api.AgreementCorrected;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.CorrectableField;

/**
 * The correctable facts of an agreement (agency name, county, agency type, signedOn, MOA link), as
 * its signing states them and as corrections change them, and the day it came into force. The one
 * place that says which facts a signing records and what a correction does to them: the aggregate's
 * rules ({@link AgreementState}) and the report versions ({@code AgreementVersions}) both fold
 * through it.
 *
 * @param values every correctable field's value as text (a date as ISO text), null where the signing
 *               left it empty
 * @param start  the day the agreement came into force: the signing's effectiveOn, or the corrected
 *               signedOn
 */
public record AgreementFacts(Map<CorrectableField, String> values, LocalDate start) {

    public AgreementFacts {
        Map<CorrectableField, String> copy = new EnumMap<>(CorrectableField.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }

    /** The facts as the signing recorded them. */
    public static AgreementFacts signed(AgreementSigned signing) {
        Map<CorrectableField, String> values = new EnumMap<>(CorrectableField.class);
        values.put(CorrectableField.agencyName, signing.agencyName());
        values.put(CorrectableField.county, signing.county());
        values.put(CorrectableField.agencyType, signing.agencyType());
        values.put(CorrectableField.signedOn, signing.signedOn() == null ? null : signing.signedOn().toString());
        values.put(CorrectableField.moaLink, signing.moaLink());
        return new AgreementFacts(values, signing.effectiveOn());
    }

    /** The facts after a correction: its field takes the new value, over all valid time. */
    public AgreementFacts corrected(AgreementCorrected correction) {
        Map<CorrectableField, String> corrected = new EnumMap<>(values);
        corrected.put(correction.field(), correction.newValue());
        // the signing date is when the agreement came into force: a corrected date moves the start
        LocalDate movedStart = correction.field() == CorrectableField.signedOn
                ? LocalDate.parse(correction.newValue()) : start;
        return new AgreementFacts(corrected, movedStart);
    }

    public String get(CorrectableField field) {
        return values.get(field);
    }

    /** The signing date as now known, or null for an undated signing. */
    public LocalDate signedOn() {
        String signedOn = values.get(CorrectableField.signedOn);
        return signedOn == null ? null : LocalDate.parse(signedOn);
    }
}
