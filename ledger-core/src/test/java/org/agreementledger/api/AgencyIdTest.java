package org.agreementledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import org.junit.jupiter.api.Test;

class AgencyIdTest {

    @Test
    void theExampleFromTheIssue() {
        assertThat(AgencyId.of(UsState.AL, "Colbert County Sheriff's Office"))
                .isEqualTo("AL-colbert-county-sheriffs-office");
    }

    @Test
    void runsOfPunctuationBecomeOneHyphenAndAccentsFold() {
        assertThat(AgencyId.slug("  Doña Ana County -- Sheriff’s Office (NM) ")).isEqualTo("dona-ana-county-sheriffs-office-nm");
        assertThat(AgencyId.slug("St. Johns County S.O.")).isEqualTo("st-johns-county-s-o");
    }

    @Test
    void agreementIdsJoinAgencyModelAndSigningDate() {
        String id = AgreementId.of("AL-colbert-county-sheriffs-office", SupportModel.WSO, LocalDate.of(2025, 1, 2));
        assertThat(id).isEqualTo("AL-colbert-county-sheriffs-office#WSO#2025-01-02");
        assertThat(AgreementId.agencyOf(id)).isEqualTo("AL-colbert-county-sheriffs-office");
    }

    @Property
    void slugsAreStableAndSafe(@ForAll String name) {
        String slug = AgencyId.slug(name);
        assertThat(slug).matches("[a-z0-9]+(-[a-z0-9]+)*|");
        assertThat(AgencyId.slug(slug)).isEqualTo(slug);
    }

    @Property
    void caseDoesNotMatterInPlainText(@ForAll @CharRange(from = ' ', to = '~') String name) {
        assertThat(AgencyId.slug(name.toUpperCase(java.util.Locale.ROOT)))
                .isEqualTo(AgencyId.slug(name.toLowerCase(java.util.Locale.ROOT)));
    }

    @Test
    void aNameWithNoLettersOrDigitsIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SignAgreement(UsState.AL, "'' -- ''", null, null,
                        SupportModel.JEM, LocalDate.of(2025, 1, 2), null, null, null, Source.manual("x", null)))
                .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("agencyName: ");
    }

    @Test
    void statesAndModelsParseByCodeOrName() {
        assertThat(UsState.parse("state", "NEW HAMPSHIRE")).isEqualTo(UsState.NH);
        assertThat(UsState.parse("state", "fl")).isEqualTo(UsState.FL);
        assertThat(SupportModel.parse("model", "task force model")).isEqualTo(SupportModel.TFM);
    }
}
