package org.agreementledger.watching;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing a check found: a list imported, already held, or a problem an operator must see.
 *
 * @param kind    what happened
 * @param url     the page, list or capture it concerns, if any
 * @param file    the file as stored in the archive, if it was stored
 * @param message the same in plain words, with what to do about it when something must be done
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(Kind kind, String url, String file, String message) {

    public enum Kind {
        /** A new list, stored and imported. */
        IMPORTED(false),
        /** A list the archive already holds (same URL not modified, or the same bytes). */
        ALREADY_RECORDED(false),
        /** A new list, stored and held for review by the import rules (or its date could not be trusted). */
        HELD(true),
        /** A new list, stored, that the import refused (its reason says why). */
        REFUSED(true),
        /** The page no longer yields a link to a list: its layout changed. */
        NO_LINKS(true),
        /** A request failed after its retries: a 404, a server that keeps failing, a dropped connection. */
        FETCH_FAILED(true),
        /** What came back is not a workbook (an error page with status 200, a truncated download). */
        NOT_A_WORKBOOK(true);

        private final boolean alert;

        Kind(boolean alert) {
            this.alert = alert;
        }

        /** Whether an operator must act (or at least look). */
        public boolean alert() {
            return alert;
        }
    }

    public boolean alert() {
        return kind.alert();
    }

    @Override
    public String toString() {
        return kind + (url == null ? "" : " " + url) + ": " + message;
    }
}
