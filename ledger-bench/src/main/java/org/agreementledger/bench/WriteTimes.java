package org.agreementledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.agreementledger.visibility.AcknowledgedWrites;

/**
 * Where an acknowledged write's time goes once its client sends it: until its transaction has
 * committed (the command, the store, the chain's linking at commit), and from there until it is
 * acknowledged (pending links made, the reports holding it). A step's latency counts from the
 * request's scheduled instant, so what it has beyond these two is the client's lateness: with 8
 * clients at 500/s each has 16 ms a request, and a request that takes longer makes its next late.
 */
final class WriteTimes {

    /** Per request: nanoseconds until committed, then until acknowledged. */
    private final ConcurrentLinkedQueue<long[]> times = new ConcurrentLinkedQueue<>();

    /** Medians and 99th percentiles of the two parts, over the requests of a step. */
    record Split(int requests, double committedP50Ms, double committedP99Ms, double acknowledgedP50Ms,
                 double acknowledgedP99Ms) {

        @Override
        public String toString() {
            return "sent to committed p50 " + committedP50Ms + " ms, p99 " + committedP99Ms
                    + " ms; committed to acknowledged p50 " + acknowledgedP50Ms + " ms, p99 " + acknowledgedP99Ms + " ms";
        }
    }

    /** Runs {@code write} acknowledged, as {@link AcknowledgedWrites#appendSingle} does for an HTTP append, and keeps its two times. */
    <T> T append(AcknowledgedWrites writes, Supplier<T> write) {
        long sent = System.nanoTime();
        long[] committed = {0};
        T result = writes.appendSingle(() -> {
            T written = write.get();
            committed[0] = System.nanoTime();
            return written;
        }).result();
        times.add(new long[] {committed[0] - sent, System.nanoTime() - committed[0]});
        return result;
    }

    /** The split of the requests since the last call (or since the start); the next one starts empty. */
    Split split() {
        List<long[]> taken = new ArrayList<>();
        for (long[] request = times.poll(); request != null; request = times.poll()) {
            taken.add(request);
        }
        long[] committed = taken.stream().mapToLong(t -> t[0]).toArray();
        long[] acknowledged = taken.stream().mapToLong(t -> t[1]).toArray();
        return new Split(taken.size(), Bench.ms(Bench.percentile(committed, 50)),
                Bench.ms(Bench.percentile(committed, 99)), Bench.ms(Bench.percentile(acknowledged, 50)),
                Bench.ms(Bench.percentile(acknowledged, 99)));
    }
}
