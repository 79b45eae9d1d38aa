package org.agreementledger.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.junit.jupiter.api.Test;

class SpellingsTest {

    @Test
    void aStateMisspeltWithinTwoEditsOfExactlyOneStateIsThatState() {
        assertThat(Spellings.state("PENNSLYVANIA")).isEqualTo(new Spellings.Spelled<>(UsState.PA, SpellingRule.STATE_SPELLING));
        assertThat(Spellings.state("WEST VIRIGINIA").value()).isEqualTo(UsState.WV);
        assertThat(Spellings.state("WESTVIRGINIA").value()).isEqualTo(UsState.WV);
        assertThat(Spellings.state("Tennesee").value()).isEqualTo(UsState.TN);
        assertThat(Spellings.state("KANSA").value()).isEqualTo(UsState.KS);
    }

    @Test
    void aStateAbbreviatedOtherwiseThanByItsCodeIsRead() {
        assertThat(Spellings.state("N.C.")).isEqualTo(new Spellings.Spelled<>(UsState.NC, SpellingRule.STATE_ABBREVIATION));
        assertThat(Spellings.state("Fla.").value()).isEqualTo(UsState.FL);
        assertThat(Spellings.state("W. Va.").value()).isEqualTo(UsState.WV);
        assertThat(Spellings.state("N. Carolina").value()).isEqualTo(UsState.NC);
        assertThat(Spellings.state("S Dakota").value()).isEqualTo(UsState.SD);
    }

    @Test
    void aStateNoRuleReadsOrTwoStatesFitEquallyIsNotGuessed() {
        assertThat(Spellings.state("ATLANTIS")).isNull();
        assertThat(Spellings.state("PENNSYLVANIA AND OHIO")).isNull();
        // short names allow one edit only: IOWX is Iowa, but OHO could be Ohio or nothing else near
        assertThat(Spellings.state("IOWX").value()).isEqualTo(UsState.IA);
        assertThat(Spellings.state("XXXX")).isNull();
    }

    @Test
    void aSupportTypeIsReadByItsModelsWordsOrAsAMisspelling() {
        assertThat(Spellings.model("Task Force Officer "))
                .isEqualTo(new Spellings.Spelled<>(SupportModel.TFM, SpellingRule.SUPPORT_TYPE_WORDS));
        assertThat(Spellings.model("Warrant Service Office"))
                .isEqualTo(new Spellings.Spelled<>(SupportModel.WSO, SpellingRule.SUPPORT_TYPE_WORDS));
        assertThat(Spellings.model("Warrant Services Officer"))
                .isEqualTo(new Spellings.Spelled<>(SupportModel.WSO, SpellingRule.SUPPORT_TYPE_SPELLING));
        assertThat(Spellings.model("Jail Enforcment Modle").value()).isEqualTo(SupportModel.JEM);
        assertThat(Spellings.model("Detention")).isNull();
        // naming two models is not a typo of either
        assertThat(Spellings.model("Task Force and Jail Enforcement")).isNull();
    }
}
