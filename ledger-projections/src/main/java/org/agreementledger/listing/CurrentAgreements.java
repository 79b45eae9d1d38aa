package org.agreementledger.listing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.SupportModel;
import org.agreementledger.importing.LedgerAgreement;
import org.agreementledger.importing.OpenRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads what {@link CurrentAgreementProjection} keeps. */
@Repository
public class CurrentAgreements {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    CurrentAgreements(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every agreement the ledger holds, in force or withdrawn, with its current details. */
    public List<LedgerAgreement> all() {
        return jdbc.query("select agreement_id, agency_id, agency_name, county, agency_type, model, signed_on,"
                + " moa_link, in_force from current_agreement", (row, n) -> new LedgerAgreement(
                row.getString("agreement_id"), row.getString("agency_id"), row.getString("agency_name"),
                row.getString("county"), row.getString("agency_type"), SupportModel.valueOf(row.getString("model")),
                row.getObject("signed_on", LocalDate.class), row.getString("moa_link"), row.getBoolean("in_force")));
    }

    /** Requests pending now. */
    public List<OpenRequest> openRequests() {
        return jdbc.query("select request_id, agency_id, model from agreement_request where closed_on is null",
                (row, n) -> new OpenRequest(row.getString(1), row.getString(2), SupportModel.valueOf(row.getString(3))));
    }

    /**
     * Distinct agencies with a request pending on {@code asOf} as the record stood on {@code knownAt}:
     * requested by then and known by then, and not closed by then as known by then.
     */
    public int pendingAgencies(LocalDate asOf, LocalDate knownAt) {
        return jdbc.queryForObject("select count(distinct agency_id) from agreement_request"
                + " where requested_on <= ? and requested_known_on <= ?"
                + " and not (closed_on is not null and closed_on <= ? and closed_known_on <= ?)",
                Integer.class, asOf, knownAt, asOf, knownAt);
    }

    /** What the ledger recorded of a file published on a day, if it did: applied, held, released or rejected. */
    public Optional<RecordedPublication> recorded(String sha256, LocalDate publishedOn) {
        return jdbc.query(SELECT_RECORDED + " where sha256 = ? and published_on = ?", this::recordedPublication,
                sha256, publishedOn).stream().findFirst();
    }

    /** Whether the same bytes were recorded for any day (then another day's posting needs an id of its own). */
    public boolean recordedAnyDay(String sha256) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from imported_publication where sha256 = ?)", Boolean.class, sha256));
    }

    /** A publication by its id, or by a prefix of its SHA-256 of at least 8 digits that only it has. */
    public List<RecordedPublication> find(String idOrSha) {
        String prefix = idOrSha.toLowerCase(java.util.Locale.ROOT);
        return jdbc.query(SELECT_RECORDED + " where publication_id = ? or (length(?) >= 8 and sha256 like ? || '%')"
                + " order by published_on, publication_id", this::recordedPublication, idOrSha, prefix, prefix);
    }

    /** The latest publication date of a kind (PARTICIPATING, PENDING) whose list the ledger applied. */
    public Optional<LocalDate> latestPublished(String kind) {
        return Optional.ofNullable(jdbc.queryForObject("select max(published_on) from imported_publication"
                + " where kind = ? and state in ('applied', 'released')", LocalDate.class, kind));
    }

    /** Every publication recorded, in publication order. */
    public List<RecordedPublication> publications() {
        return jdbc.query(SELECT_RECORDED + " order by published_on, edition nulls first, file_name, publication_id",
                this::recordedPublication);
    }

    private static final String SELECT_RECORDED =
            "select publication_id, state, reason, report::text from imported_publication";

    private RecordedPublication recordedPublication(java.sql.ResultSet row, int n) throws java.sql.SQLException {
        return new RecordedPublication(row.getString(1), row.getString(2), row.getString(3), read(row.getString(4)));
    }

    private ImportReport read(String text) {
        try {
            return json.readValue(text, ImportReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable import report in imported_publication", e);
        }
    }
}
