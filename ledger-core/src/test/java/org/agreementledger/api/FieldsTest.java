package org.agreementledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FieldsTest {

    @Test
    void aNulCharacterIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new SignAgreement(UsState.AL, "Colbert County\u0000 Sheriff", null, null,
                SupportModel.JEM, LocalDate.of(2025, 1, 2), null, null, null, Source.manual("x", null)))
                .isInstanceOf(InvalidFieldException.class).hasMessage("agencyName: contains a NUL character");
        assertThatThrownBy(() -> Source.manual("Gazette", "https://example.org/\u0000"))
                .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("source.reference: ");
    }

    @Test
    void overlongTextIsRefusedNamingTheField() {
        String longest = "x".repeat(Fields.MAX_TEXT);
        assertThat(Fields.optional("moaLink", longest)).isEqualTo(longest);
        assertThatThrownBy(() -> Fields.optional("moaLink", longest + "x"))
                .isInstanceOf(InvalidFieldException.class).hasMessage("moaLink: is longer than 2,000 characters");
        assertThatThrownBy(() -> Source.manual("x".repeat(100_000), null))
                .isInstanceOf(InvalidFieldException.class).hasMessage("source.title: is longer than 2,000 characters");
    }

    @Test
    void anAgencyNameMustLeaveItsIdsRoomInTheEventStore() {
        String longest = "Sheriff " + "x".repeat(Fields.MAX_AGENCY_NAME - 8);
        SignAgreement signing = new SignAgreement(null, UsState.AL, longest, null, null, SupportModel.WSO,
                LocalDate.of(2025, 1, 2), null, null, null, Source.manual("x", null), null);
        // the store's aggregate identifier is varchar(255)
        assertThat(signing.agreementId()).hasSizeLessThanOrEqualTo(255);
        assertThatThrownBy(() -> new SignAgreement(null, UsState.AL, longest + "x", null, null, SupportModel.WSO,
                LocalDate.of(2025, 1, 2), null, null, null, Source.manual("x", null), null))
                .isInstanceOf(InvalidFieldException.class).hasMessage("agencyName: is longer than 200 characters");
        assertThatThrownBy(() -> new RequestAgreement(null, UsState.AL, "— ? —", null, null, SupportModel.WSO,
                LocalDate.of(2025, 1, 2), null, Source.manual("x", null)))
                .isInstanceOf(InvalidFieldException.class).hasMessage("agencyName: has no letters or digits to identify the agency by");
    }

    @Test
    void blankOptionalTextIsAbsentAndTextIsTrimmed() {
        assertThat(Fields.optional("county", "   ")).isNull();
        assertThat(Fields.optional("county", " Colbert ")).isEqualTo("Colbert");
        assertThat(Fields.required("agencyName", " Colbert County ")).isEqualTo("Colbert County");
    }

    @Test
    void datesMustBeIsoCalendarDates() {
        assertThat(Fields.optionalDate("signedOn", "2025-01-02")).isEqualTo(LocalDate.of(2025, 1, 2));
        assertThatThrownBy(() -> Fields.date("signedOn", "01/02/2025")).hasMessageContaining("not an ISO date");
        assertThatThrownBy(() -> Fields.date("signedOn", "2025-02-30")).hasMessageContaining("not a calendar date");
    }

    @Test
    void illFormedTextIsRefusedNamingTheFieldWithoutEchoingIt() {
        assertThatThrownBy(() -> new SignAgreement(UsState.AL, "Sur\ud800 Office", null, null, SupportModel.JEM,
                LocalDate.of(2025, 1, 2), null, null, null, Source.manual("x", null)))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("agencyName: is not well-formed text: an unpaired UTF-16 surrogate (U+D800) at character 4;"
                        + " only Unicode scalar values are accepted");
        // a high surrogate last, a low one alone, a pair the wrong way round, two lows (F4 90 80 80 as Jackson reads it)
        for (String illFormed : new String[] {"Office\ud83d", "\ude00 Office", "\ude00\ud83d", "\udc00\udc00"}) {
            assertThatThrownBy(() -> Source.manual("Gazette", illFormed)).as(illFormed)
                    .isInstanceOf(InvalidFieldException.class)
                    .hasMessageStartingWith("source.reference: is not well-formed text: an unpaired UTF-16 surrogate")
                    .satisfies(e -> assertThat(Fields.illFormedAt(e.getMessage())).isEqualTo(-1));
        }
        assertThatThrownBy(() -> new CorrectAgreement("AL-x#JEM#2025-01-02", CorrectableField.county, "Colbert",
                "Franklin\udfff", null, null, Source.manual("x", null), null))
                .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("newValue: is not well-formed text");
        assertThatThrownBy(() -> Fields.date("signedOn", "2025-01-0\ud800"))
                .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("signedOn: is not well-formed text");
        assertThatThrownBy(() -> SupportModel.parse("model", "JEM\ud800"))
                .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("model: is not well-formed text");
    }

    @Test
    void wellFormedTextBeyondTheBasicPlaneIsAccepted() {
        String emoji = "Office \ud83d\ude93"; // U+1F693, a police car: a surrogate pair, one scalar value
        assertThat(Fields.illFormedAt(emoji)).isEqualTo(-1);
        assertThat(Fields.required("agencyName", emoji)).isEqualTo(emoji);
        assertThat(Fields.illFormedAt("Sur\ud800 Office")).isEqualTo(3);
        // an echo cut short never cuts a pair in two
        String echoed = Fields.abbreviate("x".repeat(39) + "\ud83d\ude93" + "y".repeat(10));
        assertThat(Fields.illFormedAt(echoed)).isEqualTo(-1);
        assertThat(echoed).isEqualTo("x".repeat(39) + "…");
    }

    @Test
    void aStateOrAModelIsNamedByItsCodeOrItsTitleEachWithItsOwnSpacing() {
        assertThat(UsState.parse("state", "fl")).isEqualTo(UsState.FL);
        assertThat(UsState.parse("state", "  u.s.  virgin islands ")).isEqualTo(UsState.VI);
        assertThat(SupportModel.parse("model", "wso")).isEqualTo(SupportModel.WSO);
        assertThat(SupportModel.parse("model", "Jail   Enforcement\tModel")).isEqualTo(SupportModel.JEM);
        // a sheet's "Task Force Model." is a spelling the import repairs and reports, not a model as written
        assertThatThrownBy(() -> SupportModel.parse("model", "Task Force Model."))
                .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("model: unknown support model");
        assertThatThrownBy(() -> UsState.parse("state", "Floridaa"))
                .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("state: unknown state 'Floridaa'");
        assertThat(Fields.byCodeOrTitle("Guam ", UsState.values(), UsState::title, String::strip)).isEqualTo(UsState.GU);
        assertThat(Fields.byCodeOrTitle("GU", UsState.values(), UsState::title, String::strip)).isEqualTo(UsState.GU);
        assertThat(Fields.byCodeOrTitle("GUAM", UsState.values(), UsState::title, String::strip))
                .as("compared only as the comparable function writes them").isNull();
    }
}
