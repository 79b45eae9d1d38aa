package org.agreementledger.importing;

import org.agreementledger.api.SourceKind;

/** ICE publishes two lists on its 287(g) page: signed agreements, and requests not yet signed. */
public enum PublicationKind {
    /** "Participating agencies": one row per signed agreement. */
    PARTICIPATING("ICE participating agencies", SourceKind.ICE_SHEET),
    /** "Pending agencies": one row per model an agency has asked for. */
    PENDING("ICE pending agencies", SourceKind.PENDING_SHEET);

    private final String title;
    private final SourceKind sourceKind;

    PublicationKind(String title, SourceKind sourceKind) {
        this.title = title;
        this.sourceKind = sourceKind;
    }

    public String title() {
        return title;
    }

    public SourceKind sourceKind() {
        return sourceKind;
    }
}
