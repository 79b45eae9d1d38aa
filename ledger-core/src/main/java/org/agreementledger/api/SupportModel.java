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
        SupportModel model = Fields.byCodeOrTitle(text, values(), SupportModel::title,
                named -> named.replaceAll("\\s+", " ").toUpperCase(Locale.ROOT));
        if (model != null) {
            return model;
        }
        throw new InvalidFieldException(field, "unknown support model '" + Fields.abbreviate(text)
                + "'; expected JEM, TFM or WSO (or Jail Enforcement Model, Task Force Model, Warrant Service Officer)");
    }
}
