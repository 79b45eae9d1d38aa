package org.agreementledger.reconciliation;

import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The stretch of days the ledger has observed, as known on a day: from the first to the last day on
 * which it learned anything (an event's knownOn, or an imported publication's date), counting only
 * what was known by then. Inside it the ledger's count for a day is a reading of the record; outside
 * it, a count would only echo older observations (nothing withdrawn after the last list can be known,
 * and a first list shows only the agreements that survived until it), so the ledger has no data.
 */
@Repository
class RecordSpan {

    /** The first and last day the ledger observed. */
    record Span(LocalDate first, LocalDate last) {

        boolean covers(LocalDate day) {
            return !day.isBefore(first) && !day.isAfter(last);
        }
    }

    private final JdbcTemplate jdbc;

    RecordSpan(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Span> asKnownOn(LocalDate knownAt) {
        // every event's knownOn starts a version of its agreement in the report table
        return jdbc.query("""
                select min(day) as first, max(day) as last from (
                    select lower(v.known) as day from report_agreement_version v, report_generation g
                    where v.generation = g.published and lower(v.known) <= ?
                    union all
                    select published_on from imported_publication where published_on <= ?
                ) observed
                """, (row, n) -> row.getObject("first", LocalDate.class) == null ? null
                : new Span(row.getObject("first", LocalDate.class), row.getObject("last", LocalDate.class)),
                knownAt, knownAt).stream().filter(java.util.Objects::nonNull).findFirst();
    }
}
