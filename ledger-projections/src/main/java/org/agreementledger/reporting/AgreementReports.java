package org.agreementledger.reporting;

import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The questions auditors ask, answered from the read model. Counts and timelines answer from the
 * in-memory snapshot of the published generation, kept current batch by batch
 * ({@link ReportSnapshots}); only while it cannot prove it is current (a rebuild, before the first
 * load) from one SQL statement each, which are also what the snapshot is tested against. Every
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

    /**
     * The territories' USPS codes, a parameter of the statements that count states and territories
     * apart: {@link UsState#isTerritory()} is the one definition, for SQL and the snapshot alike.
     */
    private static final String[] TERRITORIES = Arrays.stream(UsState.values()).filter(UsState::isTerritory)
            .map(UsState::name).toArray(String[]::new);

    private final JdbcTemplate jdbc;
    private final ReportSnapshots snapshots;

    AgreementReports(JdbcTemplate jdbc, ReportSnapshots snapshots) {
        this.jdbc = jdbc;
        this.snapshots = snapshots;
    }

    /** Today in the ledger's calendar (UTC, as knownOn is), by the same clock that stamps events. */
    public static LocalDate today() {
        return LocalDate.ofInstant(GenericEventMessage.clock.instant(), ZoneOffset.UTC);
    }

    public Counts counts(LocalDate asOf, LocalDate knownAt) {
        LocalDate known = knownAt == null ? today() : knownAt;
        ReportSnapshot current = snapshots.current();
        return current != null ? current.counts(asOf, known) : countsFromSql(asOf, known);
    }

    /** The one-statement answer, always from the tables: the fallback, and what the snapshot is held against. */
    public Counts countsFromSql(LocalDate asOf, LocalDate knownAt) {
        LocalDate known = knownAt == null ? today() : knownAt;
        long[] totals = new long[4];
        Map<SupportModel, Tally> byModel = new EnumMap<>(SupportModel.class);
        Map<String, Tally> byState = new HashMap<>();
        Map<String, Tally> byAgencyType = new HashMap<>();
        // One statement, one snapshot: the totals and every breakdown describe the same rows.
        jdbc.query("""
                select grouping(v.state) as no_state, grouping(v.model) as no_model,
                       grouping(v.agency_type) as no_type, v.state, v.model, v.agency_type,
                       count(*) as agreements, count(distinct v.agency_id) as agencies,
                       count(distinct v.state) filter (where v.state <> all(?::text[])) as states,
                       count(distinct v.state) filter (where v.state = any(?::text[])) as territories
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
                totals[3] = row.getLong("territories");
            }
        }, TERRITORIES, TERRITORIES, asOf, known);
        return new Counts(asOf, known, totals[0], totals[1], totals[2], totals[3], byModel, byState, byAgencyType);
    }

    public Timeline timeline(LocalDate from, LocalDate to, Step step, LocalDate knownAt) {
        long last = lastPoint(from, to, step);
        LocalDate known = knownAt == null ? today() : knownAt;
        ReportSnapshot current = snapshots.current();
        if (current == null) {
            return new Timeline(from, to, step, known, pointsFromSql(from, step, last, known));
        }
        List<LocalDate> days = new ArrayList<>((int) last + 1);
        for (long n = 0; n <= last; n++) {
            days.add(step.nth(from, n));
        }
        return new Timeline(from, to, step, known, current.timeline(days, known));
    }

    /** The timeline always from the tables: the fallback, and what the snapshot is held against. */
    public Timeline timelineFromSql(LocalDate from, LocalDate to, Step step, LocalDate knownAt) {
        long last = lastPoint(from, to, step);
        LocalDate known = knownAt == null ? today() : knownAt;
        return new Timeline(from, to, step, known, pointsFromSql(from, step, last, known));
    }

    /** The number of the last point on or before {@code to}; refuses a timeline too long to be meant. */
    private static long lastPoint(LocalDate from, LocalDate to, Step step) {
        if (to.isBefore(from)) {
            throw new InvalidFieldException("to", to + " is before from " + from);
        }
        long last = 0;
        while (!step.nth(from, last + 1).isAfter(to)) {
            if (++last >= MAX_TIMELINE_POINTS) {
                throw new InvalidFieldException("to", "more than " + MAX_TIMELINE_POINTS + " " + step
                        + "s from " + from + "; ask for a shorter span or a longer step");
            }
        }
        return last;
    }

    /**
     * Points 0 to {@code last} from the tables in one statement, linear in versions plus points:
     * +1/-1 at the start and end of each version's valid time (agreements), of each agency's and
     * each state's or territory's merged stretches in force ({@code range_agg}: distinct agencies,
     * states and territories), summed in day order with the points sorted in after the changes of
     * their own day.
     */
    private List<TimelinePoint> pointsFromSql(LocalDate from, Step step, long last, LocalDate known) {
        return jdbc.query("""
                with v as materialized (
                    select agency_id, state, valid from report_agreement_version
                    where generation = """ + ReportGenerations.PUBLISHED + """
                      and known @> ?::date
                ),
                agency_span as (select unnest(range_agg(valid)) as span from v group by agency_id),
                state_span as (
                    select (state = any(?::text[]))::int as territory, unnest(range_agg(valid)) as span
                    from v group by state
                ),
                change (day, agreements, agencies, states, territories) as (
                    select lower(valid), 1, 0, 0, 0 from v
                    union all select upper(valid), -1, 0, 0, 0 from v where not upper_inf(valid)
                    union all select lower(span), 0, 1, 0, 0 from agency_span
                    union all select upper(span), 0, -1, 0, 0 from agency_span where not upper_inf(span)
                    union all select lower(span), 0, 0, 1 - territory, territory from state_span
                    union all select upper(span), 0, 0, territory - 1, -territory from state_span
                              where not upper_inf(span)
                ),
                point as (
                    select (?::date + i * ?::interval)::date as day from generate_series(0, ?) as i
                ),
                running as (
                    select day, is_point, sum(agreements) over w as agreements, sum(agencies) over w as agencies,
                           sum(states) over w as states, sum(territories) over w as territories
                    from (select day, false as is_point, agreements, agencies, states, territories from change
                          union all select day, true, 0, 0, 0, 0 from point) as c
                    window w as (order by day, is_point)
                )
                select day, agreements, agencies, states, territories from running where is_point order by day
                """, (row, n) -> new TimelinePoint(row.getObject("day", LocalDate.class), row.getLong("agreements"),
                row.getLong("agencies"), row.getLong("states"), row.getLong("territories")), known, TERRITORIES,
                from, step.interval, last);
    }

    long revision() {
        return snapshots.revision();
    }

    /** A fresh snapshot read from the table now (for tests that hold its answers beside SQL's): its arrays. */
    InForceIndex loadIndex() {
        return snapshots.load().arrays();
    }

    /**
     * Waits until counts and timelines answer from a snapshot of the read model as it is now
     * (starting a load if none runs): for a caller that wants the first answers fast, such as the
     * benchmark. False if the timeout passed first, or the snapshot is switched off.
     */
    public boolean awaitSnapshot(Duration timeout) {
        return snapshots.await(timeout);
    }

    /** The snapshot as it is, current or not: for tests that hold its answers beside SQL's. */
    ReportSnapshot snapshot() {
        return snapshots.snapshot();
    }

    /** The snapshot's arrays as they are, current or not (the bench counts over them alone). */
    InForceIndex index() {
        ReportSnapshot snapshot = snapshots.snapshot();
        return snapshot == null ? null : snapshot.arrays();
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
