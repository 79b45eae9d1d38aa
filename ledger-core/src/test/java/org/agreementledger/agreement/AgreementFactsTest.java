package org.agreementledger.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.agreementledger.api.AgreementCorrected;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.Source;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.junit.jupiter.api.Test;

/** The facts a signing records and what corrections do to them: the rule the aggregate and the reports share. */
class AgreementFactsTest {

    private static final Source SOURCE = Source.manual("a test", null);
    private static final LocalDate SIGNED = LocalDate.of(2025, 3, 3);
    private static final LocalDate EFFECTIVE = LocalDate.of(2025, 3, 10);

    private static AgreementSigned signing(LocalDate signedOn) {
        return new AgreementSigned("AL-x#JEM#2025-03-03", "AL-x", "X Sheriff", UsState.AL, "Colbert", "County",
                SupportModel.JEM, signedOn, "https://example.org/moa.pdf", EFFECTIVE, EFFECTIVE, SOURCE, null);
    }

    private static AgreementCorrected correction(CorrectableField field, String oldValue, String newValue) {
        return new AgreementCorrected("AL-x#JEM#2025-03-03", field, oldValue, newValue, EFFECTIVE,
                LocalDate.of(2025, 4, 1), SOURCE);
    }

    @Test
    void aSigningRecordsItsFiveCorrectableFactsAndStartsOnItsEffectiveDay() {
        AgreementFacts facts = AgreementFacts.signed(signing(SIGNED));

        assertThat(facts.values()).containsOnlyKeys(CorrectableField.values());
        assertThat(facts.get(CorrectableField.agencyName)).isEqualTo("X Sheriff");
        assertThat(facts.get(CorrectableField.county)).isEqualTo("Colbert");
        assertThat(facts.get(CorrectableField.agencyType)).isEqualTo("County");
        assertThat(facts.get(CorrectableField.signedOn)).isEqualTo("2025-03-03");
        assertThat(facts.get(CorrectableField.moaLink)).isEqualTo("https://example.org/moa.pdf");
        assertThat(facts.signedOn()).isEqualTo(SIGNED);
        assertThat(facts.start()).isEqualTo(EFFECTIVE);
    }

    @Test
    void anUndatedSigningHasNoSignedOn() {
        AgreementFacts facts = AgreementFacts.signed(signing(null));

        assertThat(facts.values()).containsEntry(CorrectableField.signedOn, null);
        assertThat(facts.signedOn()).isNull();
        assertThat(facts.start()).isEqualTo(EFFECTIVE);
    }

    @Test
    void aCorrectedSignedOnMovesTheStartAndOtherCorrectionsDoNot() {
        AgreementFacts signed = AgreementFacts.signed(signing(SIGNED));

        AgreementFacts renamed = signed.corrected(correction(CorrectableField.agencyName, "X Sheriff", "Y Sheriff"));
        assertThat(renamed.get(CorrectableField.agencyName)).isEqualTo("Y Sheriff");
        assertThat(renamed.start()).isEqualTo(EFFECTIVE);

        AgreementFacts redated = renamed.corrected(correction(CorrectableField.signedOn, "2025-03-03", "2025-02-20"));
        assertThat(redated.signedOn()).isEqualTo(LocalDate.of(2025, 2, 20));
        assertThat(redated.start()).isEqualTo(LocalDate.of(2025, 2, 20));
        assertThat(redated.get(CorrectableField.agencyName)).isEqualTo("Y Sheriff");
        assertThat(signed.get(CorrectableField.agencyName)).as("facts are immutable").isEqualTo("X Sheriff");
    }
}
