package org.agreementledger.reporting;

import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The questions auditors ask, answered from the read model in one statement each. Every
 * statement reads the published generation inside itself, so an answer is never half old, half
 * rebuilt. {@code knownAt} null means today: everything the ledger holds.
 */
@Service
public class AgreementReports {

    /** A timeline longer than this is a mistake (ten years of days is 3,653 points). */
    public static final int MAX_TIMELINE_POINTS = 5000;
    public static final int MAX_PAGE_SIZE = 1000;

    private static final String IN_FORCE = " v.generation = " + ReportGenerations.PUBLISHED
            + " and v.valid @> ?::date and v.known @> ?::date ";

    private final JdbcTemplate jdbc;

    AgreementReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Today in the ledger's calendar (UTC, as knownOn is), by the same clock that stamps events. */
    public static LocalDate today() {
        return LocalDate.ofInstant(GenericEventMessage.clock.instant(), ZoneOffset.UTC);
    }

    public Counts counts(LocalDate asOf, LocalDate knownAt) {
        LocalDate known = knownAt == null ? today() : knownAt;
        long[] totals = new long[3];
        Map<SupportModel, Tally> byModel = new EnumMap<>(SupportModel.class);
        Map<String, Tally> byState = new HashMap<>();
        Map<String, Tally> byAgencyType = new HashMap<>();
        // One statement, one snapshot: the totals and every breakdown describe the same rows.
        jdbc.query("""
                select grouping(v.state) as no_state, grouping(v.model) as no_model,
                       grouping(v.agency_type) as no_type, v.state, v.model, v.agency_type,
                       count(*) as agreements, count(distinct v.agency_id) as agencies,
                       count(distinct v.state) as states
                from report_agreement_version v
                where""" + IN_FORCE + """
                group by grouping sets ((), (v.state), (v.model), (v.agency_type))
                """, row -> {
            Tally tally = new Tally(row.getLong("agreements"), row.getLong("agencies"));
            if (row.getInt("no_state") == 0) {
                byState.put(row.getString("state"), tally);
            } else if (row.getInt("no_model") == 0) {
                byModel.put(SupportModel.valueOf(row.getString("model")), tally);
            } else if (row.getInt("no_type") == 0) {
                byAgencyType.put(Counts.agencyTypeOf(row.getString("agency_type")), tally);
            } else {
                totals[0] = tally.agreements();
                totals[1] = tally.agencies();
                totals[2] = row.getLong("states");
            }
        }, asOf, known);
        return new Counts(asOf, known, totals[0], totals[1], totals[2], byModel, byState, byAgencyType);
    }

    public Timeline timeline(LocalDate from, LocalDate to, Step step, LocalDate knownAt) {
        if (to.isBefore(from)) {
            throw new InvalidFieldException("to", to + " is before from " + from);
        }
        LocalDate known = knownAt == null ? today() : knownAt;
        long last = 0;
        while (!step.nth(from, last + 1).isAfter(to)) {
            if (++last >= MAX_TIMELINE_POINTS) {
                throw new InvalidFieldException("to", "more than " + MAX_TIMELINE_POINTS + " " + step
                        + "s from " + from + "; ask for a shorter span or a longer step");
            }
        }
        List<TimelinePoint> points = jdbc.query("""
                with point as (
                    select (?::date + i * ?::interval)::date as day from generate_series(0, ?) as i
                )
                select p.day, count(v.agreement_id) as agreements, count(distinct v.agency_id) as agencies,
                       count(distinct v.state) as states
                from point p
                left join report_agreement_version v
                       on v.generation = """ + ReportGenerations.PUBLISHED + """
                      and v.valid @> p.day and v.known @> ?::date
                group by p.day
                order by p.day
                """, (row, n) -> new TimelinePoint(row.getObject("day", LocalDate.class), row.getLong("agreements"),
                row.getLong("agencies"), row.getLong("states")), from, step.interval, last, known);
        return new Timeline(from, to, step, known, points);
    }

    /** The agreements in force, optionally in one state and under one model, a page at a time. */
    public AgreementPage agreementsInForce(LocalDate asOf, LocalDate knownAt, UsState state, SupportModel model,
                                           int page, int size) {
        if (page < 0) {
            throw new InvalidFieldException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidFieldException("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        LocalDate known = knownAt == null ? today() : knownAt;
        long[] total = {0};
        List<InForceAgreement> agreements = new ArrayList<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    select v.*, lower(v.valid) as valid_from, upper(v.valid) as valid_to, count(*) over () as total
                    from report_agreement_version v
                    where""" + IN_FORCE + """
                      and (?::varchar is null or v.state = ?::varchar)
                      and (?::varchar is null or v.model = ?::varchar)
                    order by v.agreement_id
                    limit ? offset ?
                    """);
            statement.setObject(1, asOf, Types.DATE);
            statement.setObject(2, known, Types.DATE);
            statement.setString(3, state == null ? null : state.name());
            statement.setString(4, state == null ? null : state.name());
            statement.setString(5, model == null ? null : model.name());
            statement.setString(6, model == null ? null : model.name());
            statement.setInt(7, size);
            statement.setLong(8, (long) page * size);
            return statement;
        }, row -> {
            total[0] = row.getLong("total");
            agreements.add(new InForceAgreement(row.getString("agreement_id"), row.getString("agency_id"),
                    row.getString("agency_name"), UsState.valueOf(row.getString("state")), row.getString("county"),
                    row.getString("agency_type"), SupportModel.valueOf(row.getString("model")),
                    row.getObject("signed_on", LocalDate.class), row.getString("moa_link"),
                    row.getObject("valid_from", LocalDate.class), row.getObject("valid_to", LocalDate.class)));
        });
        if (agreements.isEmpty() && page > 0) {
            // past the last page: count without the page, so the caller still learns the total
            total[0] = jdbc.queryForObject("select count(*) from report_agreement_version v where" + IN_FORCE
                    + " and (?::varchar is null or v.state = ?::varchar) and (?::varchar is null or v.model = ?::varchar)",
                    Long.class, asOf, known, state == null ? null : state.name(), state == null ? null : state.name(),
                    model == null ? null : model.name(), model == null ? null : model.name());
        }
        return new AgreementPage(asOf, known, page, size, total[0], agreements);
    }
}
