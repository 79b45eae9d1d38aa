package org.agreementledger.api;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * USPS codes of the 50 states, the District of Columbia and the five inhabited territories, with the
 * names ICE prints. Reports count states (the 50 and the District) and territories apart, as press
 * figures such as "39 states" do; {@link #isTerritory()} tells which is which.
 */
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

    private static final Set<UsState> TERRITORIES = EnumSet.of(AS, GU, MP, PR, VI);

    private final String title;

    UsState(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /**
     * American Samoa, Guam, the Northern Mariana Islands, Puerto Rico and the U.S. Virgin Islands;
     * false for the 50 states and the District of Columbia, which reports count as states.
     */
    public boolean isTerritory() {
        return TERRITORIES.contains(this);
    }

    /** Accepts the USPS code (FL) or the full name in any case (FLORIDA, Florida). */
    public static UsState parse(String field, String value) {
        String text = Fields.required(field, value);
        UsState state = Fields.byCodeOrTitle(text, values(), UsState::title, UsState::comparable);
        if (state != null) {
            return state;
        }
        throw new InvalidFieldException(field, "unknown state '" + Fields.abbreviate(text)
                + "'; expected a USPS code such as FL or a state name such as Florida");
    }

    private static String comparable(String text) {
        return text.replaceAll("[\\s.]+", " ").strip().toUpperCase(Locale.ROOT);
    }
}
