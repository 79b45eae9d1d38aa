package org.agreementledger.api;

/** The facts of a signing that a correction may set right. The model changes by its own event. */
public enum CorrectableField {
    agencyName,
    county,
    agencyType,
    signedOn,
    moaLink;

    public static CorrectableField parse(String field, String value) {
        String text = Fields.required(field, value);
        for (CorrectableField candidate : values()) {
            if (candidate.name().equalsIgnoreCase(text.strip())) {
                return candidate;
            }
        }
        throw new InvalidFieldException(field, "cannot correct '" + Fields.abbreviate(text)
                + "'; correctable fields are agencyName, county, agencyType, signedOn, moaLink");
    }
}
