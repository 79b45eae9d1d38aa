package org.agreementledger.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.importing.AtomicAppender;
import org.agreementledger.progress.Progress;
import org.springframework.stereotype.Service;

/**
 * Appends a {@link DemoHistory} into an empty ledger, a batch of commands per transaction. A ledger
 * that already holds events is left alone: all synthetic means the demo is loaded already; anything
 * else means this is somebody's real ledger, and it is refused.
 */
@Service
public class DemoLoader {

    /** Commands per transaction: large enough to amortise the commit, small enough to keep memory flat. */
    static final int BATCH = 1000;

    /** What a load did. */
    public record Result(boolean loaded, long events, long agreements, Duration took) {
    }

    private final AtomicAppender appender;
    private final LedgerSources sources;

    DemoLoader(AtomicAppender appender, LedgerSources sources) {
        this.appender = appender;
        this.sources = sources;
    }

    public Result load(DemoHistory history, Progress progress) {
        long held = sources.events();
        if (held > 0) {
            long real = sources.nonSynthetic();
            if (real > 0) {
                throw new InvalidFieldException("dataDir", "this ledger holds " + real + " events that are not"
                        + " synthetic; the demo loads only into a ledger of its own (default ./ledger-demo)");
            }
            return new Result(false, held, 0, Duration.ZERO);
        }
        long started = System.nanoTime();
        progress.start("load demo history", history.size());
        List<Object> batch = new ArrayList<>(BATCH);
        long done = 0;
        for (Iterator<Object> commands = history.commands(); commands.hasNext(); ) {
            batch.add(commands.next());
            if (batch.size() == BATCH || !commands.hasNext()) {
                appender.appendAll(batch, "demo", Progress.NONE);
                done += batch.size();
                batch.clear();
                progress.advance(done);
            }
        }
        progress.finish();
        return new Result(true, done, history.agreements(), Duration.ofNanos(System.nanoTime() - started));
    }
}
