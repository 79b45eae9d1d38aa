package org.agreementledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Reports count states and territories apart: which code is which is the one fact they rely on. */
class UsStateTest {

    @Test
    void theFiftyStatesAndTheDistrictAreStatesTheFiveInhabitedTerritoriesAreNot() {
        assertThat(Arrays.stream(UsState.values()).filter(UsState::isTerritory))
                .containsExactlyInAnyOrder(UsState.AS, UsState.GU, UsState.MP, UsState.PR, UsState.VI);
        assertThat(Arrays.stream(UsState.values()).filter(state -> !state.isTerritory())).hasSize(51)
                .contains(UsState.DC, UsState.AK, UsState.HI, UsState.WY);
    }

    @Test
    void aTerritoryIsParsedByCodeAndByNameLikeAState() {
        assertThat(UsState.parse("state", "Guam")).isEqualTo(UsState.GU);
        assertThat(UsState.parse("state", "northern mariana islands")).isEqualTo(UsState.MP);
        assertThat(UsState.parse("state", "U.S. Virgin Islands")).isEqualTo(UsState.VI);
        assertThat(UsState.parse("state", "PR").isTerritory()).isTrue();
    }
}
