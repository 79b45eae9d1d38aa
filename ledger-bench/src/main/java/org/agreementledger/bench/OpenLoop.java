package org.agreementledger.bench;

import static org.agreementledger.bench.BenchMain.round;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load (issue 18): arrivals at a fixed total rate, spread over {@code clients} threads, each
 * sending its requests at their scheduled instants whether or not the earlier ones have been answered
 * by then. A client still busy at its next instant sends as soon as it is free, and that request's
 * latency counts from its scheduled instant, so a slow answer delays the figures as it would delay a
 * real caller (no coordinated omission).
 */
final class OpenLoop {

    /** One request: what it sends, given its client and its number within the step. */
    interface Request {
        void send(int client, int i) throws Exception;
    }

    /** A step at one offered rate: latencies from the scheduled instant to the answer, in ms. */
    record Step(double offeredPerSecond, int sent, double achievedPerSecond, double p50Ms, double p99Ms,
                double maxMs, int errors, String firstError) {

        boolean holds(double p99LimitMs) {
            return errors == 0 && p99Ms <= p99LimitMs;
        }
    }

    /**
     * Requests slower than this many ms are listed on stderr after their step, each with the wall-clock
     * instant it was scheduled at, to be set beside a GC or safepoint log ({@code -Dbench.slowMs}; off
     * by default).
     */
    private static final long SLOW_NANOS = Math.round(Double.parseDouble(System.getProperty("bench.slowMs", "-1"))
            * 1e6);

    private OpenLoop() {
    }

    /** Each request's latency (ns, -1 if it failed), request k scheduled at {@code start + k * interval} (nanoTime). */
    interface Latencies {
        void accept(long start, long interval, long[] latencies) throws Exception;
    }

    static Step run(int clients, double perSecond, double seconds, Request request) throws Exception {
        return run(clients, perSecond, seconds, request, (start, interval, latencies) -> { });
    }

    static Step run(int clients, double perSecond, double seconds, Request request, Latencies latencies)
            throws Exception {
        int total = (int) Math.max(clients, Math.round(perSecond * seconds));
        long intervalNanos = Math.round(1e9 / perSecond);
        long[] nanos = new long[total];
        Arrays.fill(nanos, -1);
        AtomicInteger errors = new AtomicInteger();
        String[] firstError = {null};
        ExecutorService pool = Executors.newFixedThreadPool(clients, task -> {
            Thread thread = new Thread(task, "bench-client");
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime() + 20_000_000L; // every client ready before the first instant
        long[] lastDone = new long[clients];
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    // arrival k (k = client, client + clients, ...) at start + k * interval
                    for (int k = client; k < total; k += clients) {
                        long scheduled = start + k * intervalNanos;
                        long wait;
                        while ((wait = scheduled - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        try {
                            request.send(client, k);
                            nanos[k] = System.nanoTime() - scheduled;
                        } catch (Exception e) {
                            if (errors.getAndIncrement() == 0) {
                                firstError[0] = e.toString();
                            }
                        }
                        lastDone[client] = System.nanoTime();
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        long end = Arrays.stream(lastDone).max().orElse(start);
        long[] answered = Arrays.stream(nanos).filter(n -> n >= 0).toArray();
        if (SLOW_NANOS > 0) {
            listSlow(perSecond, start, intervalNanos, nanos);
        }
        latencies.accept(start, intervalNanos, nanos);
        return new Step(perSecond, total, round(answered.length / ((end - start) / 1e9), 0),
                Bench.ms(Bench.percentile(answered, 50)), Bench.ms(Bench.percentile(answered, 99)),
                Bench.ms(Arrays.stream(answered).max().orElse(0)), errors.get(), firstError[0]);
    }

    private static void listSlow(double perSecond, long start, long intervalNanos, long[] nanos) {
        long wallAtStart = System.currentTimeMillis() * 1_000_000 - (System.nanoTime() - start);
        StringBuilder slow = new StringBuilder();
        int count = 0;
        for (int k = 0; k < nanos.length; k++) {
            if (nanos[k] > SLOW_NANOS) {
                count++;
                java.time.Instant at = java.time.Instant.ofEpochSecond(0, wallAtStart + k * intervalNanos);
                slow.append("\n  ").append(at).append(' ').append(Bench.ms(nanos[k])).append(" ms");
            }
        }
        System.err.println("slow requests at " + perSecond + "/s (over " + SLOW_NANOS / 1e6 + " ms): " + count + slow);
    }
}
