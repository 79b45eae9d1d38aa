package org.agreementledger.api;

import java.util.Locale;

/** USPS codes of the states, the District and the territories, with the names ICE prints. */
public enum UsState {
    AL("Alabama"),
    AK("Alaska"),
    AZ("Arizona"),
    AR("Arkansas"),
    CA("California"),
    CO("Colorado"),
    CT("Connecticut"),
    DE("Delaware"),
    DC("District of Columbia"),
    FL("Florida"),
    GA("Georgia"),
    HI("Hawaii"),
    ID("Idaho"),
    IL("Illinois"),
    IN("Indiana"),
    IA("Iowa"),
    KS("Kansas"),
    KY("Kentucky"),
    LA("Louisiana"),
    ME("Maine"),
    MD("Maryland"),
    MA("Massachusetts"),
    MI("Michigan"),
    MN("Minnesota"),
    MS("Mississippi"),
    MO("Missouri"),
    MT("Montana"),
    NE("Nebraska"),
    NV("Nevada"),
    NH("New Hampshire"),
    NJ("New Jersey"),
    NM("New Mexico"),
    NY("New York"),
    NC("North Carolina"),
    ND("North Dakota"),
    OH("Ohio"),
    OK("Oklahoma"),
    OR("Oregon"),
    PA("Pennsylvania"),
    RI("Rhode Island"),
    SC("South Carolina"),
    SD("South Dakota"),
    TN("Tennessee"),
    TX("Texas"),
    UT("Utah"),
    VT("Vermont"),
    VA("Virginia"),
    WA("Washington"),
    WV("West Virginia"),
    WI("Wisconsin"),
    WY("Wyoming"),
    AS("American Samoa"),
    GU("Guam"),
    MP("Northern Mariana Islands"),
    PR("Puerto Rico"),
    VI("U.S. Virgin Islands");

    private final String title;

    UsState(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Accepts the USPS code (FL) or the full name in any case (FLORIDA, Florida). */
    public static UsState parse(String field, String value) {
        String text = Fields.required(field, value);
        String normalized = comparable(text);
        for (UsState state : values()) {
            if (state.name().equals(normalized) || comparable(state.title).equals(normalized)) {
                return state;
            }
        }
        throw new InvalidFieldException(field, "unknown state '" + Fields.abbreviate(text)
                + "'; expected a USPS code such as FL or a state name such as Florida");
    }

    private static String comparable(String text) {
        return text.replaceAll("[\\s.]+", " ").strip().toUpperCase(Locale.ROOT);
    }
}
