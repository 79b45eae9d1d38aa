package org.agreementledger.agreement;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.agreementledger.api.InvalidFieldException;
import org.axonframework.eventhandling.GenericEventMessage;

/** The date rules every event obeys, worded with the field at fault. */
final class EventDates {

    /** Section 287(g) was added to the Immigration and Nationality Act on this day. */
    static final LocalDate SECTION_287G_ENACTED = LocalDate.of(1996, 9, 30);

    private EventDates() {
    }

    /**
     * The event's knownOn: as given, or the day of the append. Never after the append: nobody can
     * have published a fact on a day that has not come. Axon's clock also stamps the event, so the
     * two agree.
     */
    static LocalDate knownOn(LocalDate given) {
        LocalDate today = LocalDate.ofInstant(GenericEventMessage.clock.instant(), ZoneOffset.UTC);
        if (given == null) {
            return today;
        }
        notBeforeEnactment("knownOn", given);
        if (given.isAfter(today)) {
            throw new InvalidFieldException("knownOn", given + " is after today (" + today
                    + "); a fact cannot be known before it is appended");
        }
        return given;
    }

    static void notBeforeEnactment(String field, LocalDate date) {
        if (date.isBefore(SECTION_287G_ENACTED)) {
            throw new InvalidFieldException(field, date + " is before " + SECTION_287G_ENACTED
                    + ", when section 287(g) was enacted");
        }
    }

    /** Valid time cannot run ahead of knowledge. */
    static void notAfterKnownOn(String field, LocalDate date, LocalDate knownOn) {
        notBeforeEnactment(field, date);
        if (date.isAfter(knownOn)) {
            throw new InvalidFieldException(field, date + " is after knownOn " + knownOn
                    + "; what is recorded as in effect must already be public");
        }
    }
}
