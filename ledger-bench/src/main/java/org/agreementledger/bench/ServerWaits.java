package org.agreementledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On demand ({@code -Dab.waits=true} in {@link SingleAppendsAB}): what a step's appends waited for
 * outside the JVM (issue 18), to tell a slow WAL flush from a server process waiting for a core.
 * Every 10 ms a daemon thread reads the kernel's pressure stall totals (/proc/pressure: the time some
 * task waited for a core, some or every task waited for IO) and the run-queue wait of the server's
 * processes (/proc/PID/schedstat). After the step: those totals as shares of the step, and of the
 * windows of the slow requests only (from each one's scheduled instant to its answer), beside
 * PostgreSQL's own WAL figures (pg_stat_wal; its write and sync times need
 * {@code track_wal_io_timing=on}; backends report them at most once a second, so a step's figures
 * are within a second's worth) and the checkpoints begun meanwhile.
 */
final class ServerWaits implements AutoCloseable {

    private static final int CPU_SOME = 0;
    private static final int IO_SOME = 1;
    private static final int IO_FULL = 2;
    private static final int SERVER_RUN_QUEUE = 3;
    private static final int SERVER_ON_CPU = 4;
    private static final String[] NAMES = {"CPU some", "IO some", "IO full", "server run queue", "server on CPU"};

    private static final String WAL = """
            select w.wal_records, w.wal_fpi, w.wal_bytes, w.wal_write, w.wal_sync, w.wal_write_time,
                   w.wal_sync_time, c.num_timed + c.num_requested as checkpoints
            from pg_stat_wal w, pg_stat_checkpointer c""";

    private final JdbcTemplate jdbc;
    private final List<Path> serverProcesses;
    private final Map<String, Object> walBefore;
    private final List<long[]> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private ServerWaits(long postmaster, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.serverProcesses = StageProfile.serverProcesses(postmaster).stream()
                .map(dir -> dir.resolve("schedstat")).toList();
        this.walBefore = jdbc.queryForMap(WAL);
        thread = new Thread(() -> {
            while (running) {
                long[] sample = sample();
                synchronized (samples) {
                    samples.add(sample);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "server-waits");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts sampling, or null when {@code -Dab.waits} is not set. */
    static ServerWaits startIfAsked(long postmaster, JdbcTemplate jdbc) {
        return Boolean.getBoolean("ab.waits") ? new ServerWaits(postmaster, jdbc) : null;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }

    /**
     * The step's figures: each total as a share of the step's wall time and of the slow requests'
     * windows, then PostgreSQL's WAL figures per append. {@code latencies[k]} is request k's, scheduled
     * at {@code start + k * interval} (nanoTime), -1 if it failed.
     */
    String report(int appends, long start, long interval, long[] latencies, long slowNanos) throws InterruptedException {
        close();
        long[][] series;
        synchronized (samples) {
            series = samples.toArray(long[][]::new);
        }
        if (series.length < 2) {
            return "    server waits: too few samples";
        }
        StringBuilder out = new StringBuilder();
        double[] whole = new double[NAMES.length];
        double[] slow = new double[NAMES.length];
        long slowWindows = 0;
        for (int i = 0; i < NAMES.length; i++) {
            whole[i] = share(series, i, series[0][0], series[series.length - 1][0]);
        }
        for (int k = 0; k < latencies.length; k++) {
            if (latencies[k] > slowNanos) {
                long from = start + k * interval;
                long to = from + latencies[k];
                for (int i = 0; i < NAMES.length; i++) {
                    slow[i] += share(series, i, from, to) * latencies[k];
                }
                slowWindows += latencies[k];
            }
        }
        out.append(String.format("    server waits (share of the time; whole step / windows of the requests over"
                + " %.0f ms):", slowNanos / 1e6));
        for (int i = 0; i < NAMES.length; i++) {
            out.append(String.format(" %s %.3f / %s;", NAMES[i], whole[i],
                    slowWindows == 0 ? "-" : String.format("%.3f", slow[i] / slowWindows)));
        }
        Map<String, Object> after = jdbc.queryForMap(WAL);
        out.append(String.format("%n    WAL an append: %.2f records, %.3f full pages, %.0f bytes, %.3f writes, %.3f syncs"
                        + " (%.3f ms a sync), %.3f ms writing; checkpoints begun %d",
                delta(after, "wal_records") / appends, delta(after, "wal_fpi") / appends,
                delta(after, "wal_bytes") / appends, delta(after, "wal_write") / appends,
                delta(after, "wal_sync") / appends,
                delta(after, "wal_sync_time") / Math.max(1, delta(after, "wal_sync")),
                delta(after, "wal_write_time") / appends, Math.round(delta(after, "checkpoints"))));
        return out.toString();
    }

    private double delta(Map<String, Object> after, String column) {
        return ((Number) after.get(column)).doubleValue() - ((Number) walBefore.get(column)).doubleValue();
    }

    /** How much of [from, to] counter i grew by, as a share of it (counters interpolated between samples). */
    private static double share(long[][] series, int counter, long from, long to) {
        if (to <= from) {
            return 0;
        }
        return (at(series, counter, to) - at(series, counter, from)) / (to - from);
    }

    private static double at(long[][] series, int counter, long time) {
        int i = Arrays.binarySearch(series, new long[] {time}, (a, b) -> Long.compare(a[0], b[0]));
        if (i >= 0) {
            return series[i][1 + counter];
        }
        int after = -i - 1;
        if (after == 0) {
            return series[0][1 + counter];
        }
        if (after == series.length) {
            return series[series.length - 1][1 + counter];
        }
        long[] a = series[after - 1];
        long[] b = series[after];
        double f = (double) (time - a[0]) / (b[0] - a[0]);
        return a[1 + counter] + f * (b[1 + counter] - a[1 + counter]);
    }

    /** [nanoTime, then each counter in ns]. */
    private long[] sample() {
        long[] sample = new long[1 + NAMES.length];
        sample[0] = System.nanoTime();
        long[] cpu = pressure("cpu");
        long[] io = pressure("io");
        sample[1 + CPU_SOME] = cpu[0];
        sample[1 + IO_SOME] = io[0];
        sample[1 + IO_FULL] = io[1];
        for (Path process : serverProcesses) {
            try {
                String[] fields = Files.readString(process).trim().split(" ");
                sample[1 + SERVER_ON_CPU] += Long.parseLong(fields[0]);
                sample[1 + SERVER_RUN_QUEUE] += Long.parseLong(fields[1]);
            } catch (IOException | RuntimeException gone) {
                // a process that ended: its time is no longer counted, a step rarely loses one
            }
        }
        return sample;
    }

    /** The "some" and "full" totals of /proc/pressure/RESOURCE, in ns (the kernel counts µs). */
    private static long[] pressure(String resource) {
        long[] totals = new long[2];
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/pressure", resource));
            for (int i = 0; i < lines.size() && i < 2; i++) {
                String line = lines.get(i);
                totals[i] = 1000 * Long.parseLong(line.substring(line.lastIndexOf("total=") + 6).trim());
            }
        } catch (IOException | RuntimeException unavailable) {
            // no pressure stall information on this kernel: zeros
        }
        return totals;
    }
}
