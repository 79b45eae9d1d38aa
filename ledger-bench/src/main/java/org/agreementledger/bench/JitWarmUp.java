package org.agreementledger.bench;

import static org.agreementledger.bench.BenchMain.round;

import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;

/**
 * An untimed load that runs until the JIT has settled: chunks of open-loop requests until two in a row
 * in which the JIT compiled for at most {@value #SETTLED_SHARE} of the chunk's time, between a least
 * and a most number of seconds. A fixed few seconds were not enough on a slow machine: on the 2-core
 * AMD EPYC of 2026-12-04 the command path's C2 compilations took 1 to 2.4 s each and kept a core 40
 * to 90% busy for about 100 s of appends at 200/s (JFR's compiler statistics: 24.5, 19.8, 15.3, 3.6,
 * 1.5 and 0.2 s of compiling in successive 20 s), and steps run inside that measured the compiler:
 * at 100 and 150/s they cost the JVM 9.4 to 15.6 ms of CPU an append, p50 0.06 to 0.76 s, against
 * 2.4 to 3.2 ms and p50 5.1 to 10.4 ms at 150/s once the compiler was idle.
 */
final class JitWarmUp {

    /** Compiling for at most this share of a chunk's time is a quiet chunk. */
    static final double SETTLED_SHARE = 0.05;
    /** Settled: this many quiet chunks in a row (one can fall between two large compilations). */
    static final int QUIET_CHUNKS = 2;

    /**
     * What the warm-up took: its seconds, the JIT's compiling seconds meanwhile, whether it settled,
     * and whether the occasional work it waited for ran (see {@link #run}).
     */
    record Result(double seconds, double jitSeconds, double lastChunkJitShare, boolean settled, boolean occasionalRan) {

        @Override
        public String toString() {
            return "warm-up " + seconds + " s, the JIT compiling " + jitSeconds + " s of it, "
                    + (settled ? "settled" : "not settled") + " (last chunk " + round(100 * lastChunkJitShare, 1)
                    + "% compiling)" + (occasionalRan ? "" : ", the occasional work not run");
        }
    }

    private JitWarmUp() {
    }

    /**
     * Each chunk's requests are numbered on from the last chunk's, so a request that creates something
     * (a signing) creates something new in every chunk: numbered from 0 again, every chunk after the
     * first re-signed the first's agreements, and the warm-up compiled the path of an append refused as
     * a conflict (2026-12-04: the judged steps then began with the JIT's uncommon traps in
     * {@code AgreementLedger.sign} and the command bus's result callback, and 16 s of compiling in a
     * 10 s step). A chunk with an error stops the warm-up: it warmed a path the steps do not take.
     *
     * <p>Settled also waits for {@code occasionalRan}: work the load sets off only now and then, whose
     * code the JIT compiles the first time it runs, a server once in its life. The report snapshot's
     * fold is such work (every 17,500 appends at a million agreements): a 1M step that held the
     * first fold held 1.6 s of compiling it, on a core the appends needed (2026-12-05).
     *
     * @param chunkSeconds how long each chunk after the first runs
     * @param leastSeconds the first chunk, run however settled the JIT already is
     * @param mostSeconds no chunk starts after this many seconds, settled or not
     * @param chunkDone told after each chunk, for progress
     */
    static Result run(OpenLoop.Request request, int clients, double perSecond, double chunkSeconds,
                      double leastSeconds, double mostSeconds, BooleanSupplier occasionalRan, Runnable chunkDone)
            throws Exception {
        long started = System.nanoTime();
        long jitStarted = compilingMs();
        int[] sent = {0};
        OpenLoop.Request numberedOn = (client, i) -> request.send(client, sent[0] + i);
        double share = chunk(numberedOn, clients, perSecond, leastSeconds, sent);
        chunkDone.run();
        int quiet = share <= SETTLED_SHARE ? 1 : 0;
        while ((quiet < QUIET_CHUNKS || !occasionalRan.getAsBoolean())
                && Bench.seconds(started) + chunkSeconds <= mostSeconds) {
            share = chunk(numberedOn, clients, perSecond, chunkSeconds, sent);
            chunkDone.run();
            quiet = share <= SETTLED_SHARE ? quiet + 1 : 0;
        }
        boolean ran = occasionalRan.getAsBoolean();
        return new Result(round(Bench.seconds(started), 1), round((compilingMs() - jitStarted) / 1e3, 1),
                share, quiet >= QUIET_CHUNKS && ran, ran);
    }

    /** The JIT's compiling time so far, summed over its compiler threads, in ms. */
    static long compilingMs() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** Runs one chunk, numbered on from {@code sent}; the share of its time the JIT spent compiling. */
    private static double chunk(OpenLoop.Request request, int clients, double perSecond, double seconds, int[] sent)
            throws Exception {
        long before = compilingMs();
        long started = System.nanoTime();
        OpenLoop.Step step = OpenLoop.run(clients, perSecond, seconds, request);
        double share = (compilingMs() - before) / Math.max(1.0, (System.nanoTime() - started) / 1e6);
        if (step.errors() > 0) {
            throw new IllegalStateException("the warm-up's requests failed (" + step.errors() + " of " + step.sent()
                    + ", requests " + sent[0] + " on; the first: " + step.firstError() + ")");
        }
        sent[0] += step.sent();
        return share;
    }
}
