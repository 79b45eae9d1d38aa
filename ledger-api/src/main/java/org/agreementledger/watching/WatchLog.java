package org.agreementledger.watching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The watcher's notes (table {@code ice_check}): every run and what it found, and the 287(g) page's
 * validators and links for the next conditional request. Written by whichever process ran the job
 * (serve, or a timer's {@code bin/ledger watch}), read by /actuator/health and {@code GET /api/watch}.
 */
@Component
class WatchLog {

    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<URI>> LINKS = new TypeReference<>() {
    };
    private static final String SELECT = "select job, started_at, finished_at, succeeded, summary, findings::text"
            + " from ice_check";

    /** What ICE's page answered last: its validators and the list links it held. */
    record Page(String etag, String lastModified, List<URI> links) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    WatchLog(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void record(Check check, Page page) {
        jdbc.update("insert into ice_check (job, started_at, finished_at, succeeded, summary, findings, page_etag,"
                        + " page_last_modified, page_links) values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb)",
                check.job(), Timestamp.from(check.startedAt()), Timestamp.from(check.finishedAt()), check.succeeded(),
                check.summary(), write(check.findings()), page == null ? null : page.etag(),
                page == null ? null : page.lastModified(), page == null ? null : write(page.links()));
    }

    Optional<Check> last(String job) {
        return one(SELECT + " where job = ? order by finished_at desc, id desc limit 1", job);
    }

    Optional<Check> last(String job, boolean succeeded) {
        return one(SELECT + " where job = ? and succeeded = ? order by finished_at desc, id desc limit 1", job,
                succeeded);
    }

    /** The page as the last check that fetched it saw it. */
    Optional<Page> lastPage() {
        return jdbc.query("select page_etag, page_last_modified, page_links::text from ice_check where job = ?"
                        + " and page_links is not null order by finished_at desc, id desc limit 1",
                (rows, n) -> new Page(rows.getString(1), rows.getString(2), read(rows.getString(3), LINKS)),
                Check.WATCH).stream().findFirst();
    }

    private Optional<Check> one(String sql, Object... arguments) {
        return jdbc.query(sql, this::check, arguments).stream().findFirst();
    }

    private Check check(ResultSet rows, int n) throws SQLException {
        return new Check(rows.getString(1), rows.getTimestamp(2).toInstant(), rows.getTimestamp(3).toInstant(),
                rows.getBoolean(4), rows.getString(5), read(rows.getString(6), FINDINGS));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable row in ice_check", e);
        }
    }
}
