package org.agreementledger.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.agreementledger.api.UsState;
import org.junit.jupiter.api.Test;

class AgencyNamesTest {

    private static AgencyNameRule rule(UsState state, String one, String other) {
        AgencyNameRule rule = AgencyNames.sameAgency(state, one, other);
        assertThat(AgencyNames.sameAgency(state, other, one)).as("symmetric").isEqualTo(rule);
        return rule;
    }

    @Test
    void theArchivesRenamesAreOneAgencyByANamedRule() {
        assertThat(rule(UsState.WI, "Sheriff's Office of Dane", "SHERIFFS OFFICE OF DANE"))
                .isEqualTo(AgencyNameRule.CASE_AND_PUNCTUATION);
        assertThat(rule(UsState.OK, "Oklahoma Department of Public Safety", "Oklahoma Dept. of Public Safety"))
                .isEqualTo(AgencyNameRule.ABBREVIATION);
        assertThat(rule(UsState.FL, "Gulf County BOCC", "Gulf County Board of County Commissioners"))
                .isEqualTo(AgencyNameRule.ABBREVIATION);
        assertThat(rule(UsState.AK, "Department of Corrections", "Alaska Department of Corrections"))
                .isEqualTo(AgencyNameRule.STATE_OR_PLACE_PREFIX);
        assertThat(rule(UsState.MT, "MT Dept of Justice", "Montana Department of Justice"))
                .isEqualTo(AgencyNameRule.STATE_OR_PLACE_PREFIX);
        assertThat(rule(UsState.FL, "City of Melbourne Police Department", "Melbourne Police Department"))
                .isEqualTo(AgencyNameRule.STATE_OR_PLACE_PREFIX);
        assertThat(rule(UsState.ID, "Idaho State Police", "Idaho State Police Department"))
                .isEqualTo(AgencyNameRule.GENERIC_LAST_WORD);
        assertThat(rule(UsState.SC, "Lexington County Sheriff's Office", "Lexington County Sheriff's Department"))
                .isEqualTo(AgencyNameRule.GENERIC_LAST_WORD);
        assertThat(rule(UsState.WI, "Mantiowoc County Sheriff's Office", "Manitowoc County Sheriff's Office"))
                .isEqualTo(AgencyNameRule.TYPO);
        assertThat(rule(UsState.IN, "Green Forks Police Department", "Greens Fork Police Department"))
                .isEqualTo(AgencyNameRule.TYPO);
        assertThat(rule(UsState.FL, "Walton County Sheriff's Office", "Waria-labelon County Sheriff's Office"))
                .isEqualTo(AgencyNameRule.GARBLED_PLACE);
    }

    @Test
    void neighboursAreNotOneAgency() {
        assertThat(rule(UsState.FL, "Polk County Sheriff's Office", "Pike County Sheriff's Office")).isNull();
        assertThat(rule(UsState.FL, "Pasco County Sheriff's Office", "Pasco County Board of County Commissioners"))
                .isNull();
        assertThat(rule(UsState.MN, "Freedom County Sheriff's Office", "Freeborn County Sheriff's Office")).isNull();
        assertThat(rule(UsState.TX, "Harris County Sheriff's Office", "Harris County Constable Precinct 1")).isNull();
        // another state's name is not a prefix to set aside
        assertThat(rule(UsState.AK, "Department of Corrections", "Virginia Department of Corrections")).isNull();
    }
}
