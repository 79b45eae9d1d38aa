package org.agreementledger.integrity;

import java.util.Locale;
import org.agreementledger.api.InvalidFieldException;

/**
 * What a token may do over HTTP. Archivists append and import, and read everything; auditors read
 * everything and verify; the public, without a token, reads the reports, the page, histories and the
 * chain's digest ({@code web.SecurityConfiguration} decides which request needs which).
 */
public enum Role {
    ARCHIVIST, AUDITOR;

    /** The Spring Security authority name, {@code ROLE_ARCHIVIST} or {@code ROLE_AUDITOR}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String field, String text) {
        for (Role role : values()) {
            if (role.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return role;
            }
        }
        throw new InvalidFieldException(field, "unknown role '" + org.agreementledger.api.Fields.abbreviate(
                String.valueOf(text)) + "': archivist or auditor");
    }
}
