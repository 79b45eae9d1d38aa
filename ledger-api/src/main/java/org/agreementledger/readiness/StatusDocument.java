package org.agreementledger.readiness;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Locale;

/**
 * What {@code GET /api/status} answers, and what a 503 problem carries in {@code loading}.
 *
 * @param state   {@code ready}, {@code loading} or {@code failed}; {@code unavailable} while the database is out
 *                (its PostgreSQL died and is being started again)
 * @param message the same in plain words: "loading ICE's archive: 37 of 124 files, 2,345 rows/s, about 0:01:10 left"
 * @param task    what the ledger is (or was) doing; absent when it had nothing to do
 * @param reason  why loading failed; only when failed
 * @param loading how far loading has got; absent when ready
 * @param reports how far the report tables are behind the event store; absent if it cannot be told now
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusDocument(String state, String message, String task, String reason, Instant since,
                             Loading loading, Reports reports) {

    /**
     * @param phase      the phase under way within the current file ("read x.xlsx"), with {@code phaseDone}
     *                   of {@code phaseTotal} steps (0: not known)
     * @param etaSeconds the time left at the pace of the files done so far; absent until one is done
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Loading(long filesDone, long filesTotal, String phase, long phaseDone, long phaseTotal, long rows,
                          long rowsPerSecond, Long etaSeconds) {

        static Loading of(LedgerReadiness.Status status) {
            return new Loading(status.filesDone(), status.filesTotal(), status.phase(), status.phaseDone(),
                    status.phaseTotal(), status.rows(), Math.round(status.rowsPerSecond()),
                    status.eta() == null ? null : status.eta().toSeconds());
        }
    }

    /** The report tables hold the ledger up to {@code position} of {@code head}, lacking {@code behind} events. */
    public record Reports(long position, long head, long behind) {
    }

    /** The database is out (its PostgreSQL died and is being started again): nothing else can be told. */
    static StatusDocument unavailable(org.agreementledger.database.DatabaseAvailability.Outage outage) {
        return new StatusDocument("unavailable", outage.message(), null, outage.restartFailed() ? outage.reason() : null,
                outage.since(), null, null);
    }

    static StatusDocument of(LedgerReadiness.Status status, Reports reports) {
        return new StatusDocument(status.state().name().toLowerCase(Locale.ROOT), status.message(), status.task(),
                status.reason(), status.since(),
                status.state() == LedgerReadiness.State.READY ? null : Loading.of(status), reports);
    }
}
