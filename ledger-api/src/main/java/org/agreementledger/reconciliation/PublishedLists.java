package org.agreementledger.reconciliation;

import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.agreementledger.importing.PublicationKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * ICE's lists of participating agencies the ledger applied (held and rejected lists never made the
 * record; pending lists count requests, not agreements), one a publication day.
 */
@Repository
class PublishedLists {

    private final JdbcTemplate jdbc;

    PublishedLists(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Each day's last applied list published by {@code knownAt}, by day. The order is the publication
     * order {@code bin/ledger publications} shows (morning, midday, afternoon; a capture by its
     * timestamp in the file name), in which the importer applies a day's lists, so the last is the one
     * whose agreements are that day's. Only the two figures are read, not the whole import report.
     */
    NavigableMap<LocalDate, PublishedList> asKnownOn(LocalDate knownAt) {
        NavigableMap<LocalDate, PublishedList> days = new TreeMap<>();
        jdbc.query("""
                select publication_id, file_name, published_on,
                       (report ->> 'agreementsListed')::bigint as agreements,
                       (report ->> 'agenciesListed')::bigint as agencies
                from imported_publication
                where state in ('applied', 'released') and kind = ? and published_on <= ?
                order by published_on, edition nulls first, file_name, publication_id
                """, row -> {
            PublishedList list = new PublishedList(row.getString("publication_id"), row.getString("file_name"),
                    row.getObject("published_on", LocalDate.class), row.getLong("agreements"),
                    row.getLong("agencies"));
            days.put(list.publishedOn(), list); // a later list of the same day replaces an earlier one
        }, PublicationKind.PARTICIPATING.name(), knownAt);
        return days;
    }
}
