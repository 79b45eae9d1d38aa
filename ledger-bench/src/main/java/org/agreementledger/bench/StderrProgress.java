package org.agreementledger.bench;

import java.util.Locale;
import org.agreementledger.progress.Progress;

/** Progress of a long phase on stderr: a line every two seconds and one at the end, with the rate. */
final class StderrProgress implements Progress {

    private static final long EVERY_NANOS = 2_000_000_000L;

    private String phase;
    private long total;
    private long done;
    private long startedAt;
    private long drawnAt;

    @Override
    public void start(String phase, long total) {
        this.phase = phase;
        this.total = total;
        this.done = 0;
        this.startedAt = System.nanoTime();
        this.drawnAt = startedAt;
    }

    @Override
    public void advance(long done) {
        this.done = done;
        long now = System.nanoTime();
        if (now - drawnAt >= EVERY_NANOS) {
            drawnAt = now;
            draw(now, "");
        }
    }

    @Override
    public void finish() {
        draw(System.nanoTime(), " done");
    }

    private void draw(long now, String end) {
        double seconds = Math.max((now - startedAt) / 1e9, 1e-9);
        System.err.println(String.format(Locale.ROOT, "[bench] %s  %,d/%,d  %.0f/s  %.1f s%s", phase, done, total,
                done / seconds, seconds, end));
    }
}
