package org.agreementledger.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Draws progress on stderr: phase, done / total, percent, rate and ETA. On a terminal it redraws
 * one line; otherwise (CI logs, pipes) it writes a line every few seconds and one at the end. The
 * one way the command line, the benchmark and a rebuild show how far long work has got.
 */
public final class TerminalProgress implements Progress {

    private static final long REDRAW_NANOS = Duration.ofMillis(200).toNanos();
    private static final long LOG_NANOS = Duration.ofSeconds(3).toNanos();

    private final PrintWriter err;
    private final boolean terminal;
    private String phase;
    private long total;
    private long done;
    private long startedAt;
    private long drawnAt;

    public TerminalProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** On {@code err}, redrawing one line when the process has a console. */
    public static TerminalProgress onStderr(PrintWriter err) {
        return new TerminalProgress(err, System.console() != null);
    }

    @Override
    public void start(String phase, long total) {
        this.phase = phase;
        this.total = total;
        this.done = 0;
        this.startedAt = System.nanoTime();
        this.drawnAt = 0;
    }

    @Override
    public void relabel(String phase) {
        this.phase = phase;
    }

    @Override
    public void advance(long done) {
        this.done = done;
        long now = System.nanoTime();
        if (now - drawnAt >= (terminal ? REDRAW_NANOS : LOG_NANOS)) {
            drawnAt = now;
            draw(now, false);
        }
    }

    /** Like {@link #advance(long)}, for work whose total moves while it runs (appends during a rebuild). */
    public void advance(long done, long total) {
        this.total = total;
        advance(done);
    }

    @Override
    public void finish() {
        total = done; // a total that was an estimate (blank rows, say) is now known
        draw(System.nanoTime(), true);
    }

    private void draw(long now, boolean last) {
        String line = line(phase, done, total, now - startedAt);
        err.print(terminal ? "\r" + line + (last ? System.lineSeparator() : "") : line + System.lineSeparator());
        err.flush();
    }

    /** {@code read x.xlsx  [#######-----]  400/571  70%  2,345/s  ETA 0:00:01}, or elapsed when done. */
    public static String line(String phase, long done, long total, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-9);
        double rate = done / seconds;
        StringBuilder text = new StringBuilder(phase).append("  ");
        if (total > 0) {
            int width = 24;
            int filled = (int) Math.min(width, width * done / total);
            text.append('[').append("#".repeat(filled)).append("-".repeat(width - filled)).append("]  ")
                    .append(String.format(Locale.ROOT, "%,d/%,d  %3d%%", done, total, 100 * done / total));
        } else {
            text.append(String.format(Locale.ROOT, "%,d", done));
        }
        text.append(String.format(Locale.ROOT, "  %,.0f/s", rate));
        if (done >= total && total > 0) {
            text.append("  in ").append(clock(seconds));
        } else if (total > 0) {
            text.append("  ETA ").append(rate > 0 ? clock((total - done) / rate) : "?");
        }
        return text.toString();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
