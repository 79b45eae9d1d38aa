package org.agreementledger.api;

/** Why an agency's request for an agreement is no longer pending. */
public enum RequestClosure {
    /** The agency signed an agreement under the model it asked for. */
    SIGNED,
    /** ICE's pending list stopped naming it, and it did not appear as signed. */
    REMOVED_FROM_PENDING_LIST
}
