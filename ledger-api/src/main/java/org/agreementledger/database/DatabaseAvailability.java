package org.agreementledger.database;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether the ledger's database is there to answer: set by {@link DatabaseSupervisor} when the
 * embedded PostgreSQL dies and once it answers again. While it is out, requests that need it are
 * answered at once with a 503 problem document instead of waiting for a connection that cannot come
 * ({@code ledger.db.connection-timeout}, 30 s) and failing with a 500.
 */
@Component
public class DatabaseAvailability {

    /**
     * The database is out since {@code since}.
     *
     * @param reason   what happened, in words
     * @param restartFailed true once restarting it has failed: the service is exiting, so that whatever
     *                 supervises it (systemd, Kubernetes) starts it again
     */
    public record Outage(Instant since, String reason, boolean restartFailed) {

        /** What a client is told: what happened, how long ago, what to do. */
        public String message() {
            long seconds = Duration.between(since, Instant.now()).toSeconds();
            return reason + " " + seconds + " s ago; " + (restartFailed
                    ? "restarting it failed, so the service is stopping to be restarted; ask again in a minute"
                    : "it is being restarted on the same data; ask again in a few seconds");
        }
    }

    private volatile Outage outage;

    public boolean up() {
        return outage == null;
    }

    public Optional<Outage> outage() {
        return Optional.ofNullable(outage);
    }

    void down(String reason) {
        outage = new Outage(Instant.now(), reason, false);
    }

    void restartFailed() {
        Outage current = outage;
        outage = new Outage(current == null ? Instant.now() : current.since(),
                current == null ? "the database stopped" : current.reason(), true);
    }

    void restored() {
        outage = null;
    }
}
