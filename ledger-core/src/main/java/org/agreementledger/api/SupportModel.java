package org.agreementledger.api;

import java.util.Locale;

/** The three ways a 287(g) partner works for ICE. */
public enum SupportModel {
    JEM("Jail Enforcement Model"),
    TFM("Task Force Model"),
    WSO("Warrant Service Officer");

    private final String title;

    SupportModel(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Accepts the code (JEM) or the name ICE prints (Jail Enforcement Model), in any case. */
    public static SupportModel parse(String field, String value) {
        String text = Fields.required(field, value);
        String normalized = text.replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        for (SupportModel model : values()) {
            if (model.name().equals(normalized) || model.title.toUpperCase(Locale.ROOT).equals(normalized)) {
                return model;
            }
        }
        throw new InvalidFieldException(field, "unknown support model '" + Fields.abbreviate(text)
                + "'; expected JEM, TFM or WSO (or Jail Enforcement Model, Task Force Model, Warrant Service Officer)");
    }
}
