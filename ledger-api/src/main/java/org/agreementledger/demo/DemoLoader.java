package org.agreementledger.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.database.LedgerDatabaseProperties;
import org.agreementledger.demo.DemoHistory;
import org.agreementledger.importing.app.AtomicAppender;
import org.agreementledger.progress.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends a {@link DemoHistory} into an empty ledger, a batch of commands per transaction, all or
 * nothing as far as anyone can tell: the last batch's transaction also writes the mark of a whole
 * load ({@link DemoMark}), and a ledger holding synthetic events without the mark is refused, never
 * served as a demo. A ledger that already holds events is left alone: a marked demo is loaded
 * already; anything not synthetic means this is somebody's real ledger, and it is refused.
 *
 * <p>A shutdown (SIGTERM, Ctrl-C) stops the load before anything else stops: this bean's lifecycle
 * phase is the highest, so the application's close waits here until the batch under way has
 * committed, and only then stops the event processors and the database. The load then ends saying
 * it was stopped, instead of failing on a closed connection under a half-written batch.
 */
@Service
public class DemoLoader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    /** Commands per transaction: large enough to amortise the commit, small enough to keep memory flat. */
    static final int BATCH = 1000;
    /** How long a shutdown waits for the batch under way (about half a second at the default size). */
    private static final Duration BATCH_WAIT = Duration.ofSeconds(60);

    /** What a load did. */
    public record Result(boolean loaded, long events, long agreements, Duration took) {
    }

    private final AtomicAppender appender;
    private final LedgerSources sources;
    private final DemoMark mark;
    private final TransactionTemplate transaction;
    private final String ledger;

    private final Object lock = new Object();
    private boolean running;
    private boolean stopping;
    private int loads;

    DemoLoader(AtomicAppender appender, LedgerSources sources, DemoMark mark, TransactionTemplate transaction,
               LedgerDatabaseProperties database) {
        this.appender = appender;
        this.sources = sources;
        this.mark = mark;
        this.transaction = transaction;
        this.ledger = database.external() ? "this ledger" : database.dataDir().toString();
    }

    public Result load(DemoHistory history, Progress progress) {
        long held = sources.events();
        if (held > 0) {
            return alreadyHeld(history, held);
        }
        enter();
        long done = 0;
        try {
            long started = System.nanoTime();
            progress.start("load demo history", history.size());
            List<Object> batch = new ArrayList<>(BATCH);
            for (Iterator<Object> commands = history.commands(); commands.hasNext(); ) {
                batch.add(commands.next());
                if (batch.size() == BATCH || !commands.hasNext()) {
                    if (stopRequested()) {
                        throw new DemoLoadInterruptedException(String.format(Locale.ROOT, "the demo load was stopped"
                                + " after %,d of %,d events: the application is shutting down (SIGTERM or Ctrl-C);"
                                + " %s holds part of the history and no mark of a whole load; bin/ledger demo"
                                + " refuses it: delete it and load again", done, history.size(), ledger));
                    }
                    append(batch, commands.hasNext() ? null : history);
                    done += batch.size();
                    batch.clear();
                    progress.advance(done);
                }
            }
            progress.finish();
            return new Result(true, done, history.agreements(), Duration.ofNanos(System.nanoTime() - started));
        } catch (DemoLoadInterruptedException e) {
            log.warn("{}", e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            log.error("The demo load failed after {} of {} events, leaving {} without a mark of a whole load: {}",
                    done, history.size(), ledger, e.getMessage());
            throw e;
        } finally {
            leave();
        }
    }

    /** The last batch ({@code whole} not null) commits with the mark of the whole history, or neither does. */
    private void append(List<Object> batch, DemoHistory whole) {
        if (whole == null) {
            appender.appendAll(batch, "demo", Progress.NONE);
            return;
        }
        transaction.executeWithoutResult(status -> {
            appender.appendAll(batch, "demo", Progress.NONE);
            mark.record(new DemoMark.Loaded(whole.seed(), whole.agreements(), whole.size()));
        });
    }

    private Result alreadyHeld(DemoHistory history, long held) {
        long real = sources.nonSynthetic();
        if (real > 0) {
            throw new InvalidFieldException("dataDir", "this ledger holds " + real + " events that are not"
                    + " synthetic; the demo loads only into a ledger of its own (default ./ledger-demo)");
        }
        if (mark.find().isPresent()) {
            return new Result(false, held, 0, Duration.ZERO);
        }
        if (held == history.size()) {
            // loaded whole before the mark existed: a load that stops early stops at a whole batch,
            // short of the history's end
            mark.record(new DemoMark.Loaded(history.seed(), history.agreements(), held));
            return new Result(false, held, 0, Duration.ZERO);
        }
        throw new InvalidFieldException("dataDir", String.format(Locale.ROOT, "%s holds part of a demo history:"
                + " %,d synthetic events and no mark of a whole load (its load was stopped or failed), so its"
                + " figures would be wrong; delete it and run bin/ledger demo again", ledger, held));
    }

    private void enter() {
        synchronized (lock) {
            if (stopping) {
                throw new DemoLoadInterruptedException("the demo load did not start: the application is shutting down");
            }
            loads++;
        }
    }

    private void leave() {
        synchronized (lock) {
            loads--;
            lock.notifyAll();
        }
    }

    private boolean stopRequested() {
        synchronized (lock) {
            return stopping;
        }
    }

    @Override
    public void start() {
        synchronized (lock) {
            running = true;
        }
    }

    /** Asks a load under way to stop after its batch, and waits until it has. */
    @Override
    public void stop() {
        synchronized (lock) {
            stopping = true;
            long deadline = System.nanoTime() + BATCH_WAIT.toNanos();
            if (loads > 0) {
                log.info("Shutting down: waiting for the demo load to finish its batch");
            }
            while (loads > 0 && System.nanoTime() < deadline) {
                try {
                    lock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lock) {
            return running;
        }
    }

    /** Stopped first, before the web server, Axon's processors and the database (all lower phases). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
