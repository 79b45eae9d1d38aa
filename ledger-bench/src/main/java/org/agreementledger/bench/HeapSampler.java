package org.agreementledger.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Samples the heap every few milliseconds on a daemon thread: the peak of the used heap as sampled
 * (garbage included) and the peak of the heap left after each collection (the live set, summed over
 * the heap pools' collection usage), both since the last {@link #reset()}.
 */
final class HeapSampler implements AutoCloseable {

    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported())
            .toList();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakUsed;
    private volatile long peakAfterGc;

    HeapSampler() {
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void sample() {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakUsed = Math.max(peakUsed, used);
        long afterGc = 0;
        for (MemoryPoolMXBean pool : pools) {
            MemoryUsage usage = pool.getCollectionUsage();
            afterGc += usage == null ? 0 : usage.getUsed();
        }
        peakAfterGc = Math.max(peakAfterGc, afterGc);
    }

    /** Starts a new phase: collects garbage first so the phase starts from the live set. */
    synchronized void reset() {
        System.gc();
        for (MemoryPoolMXBean pool : pools) {
            pool.resetPeakUsage();
        }
        peakUsed = 0;
        peakAfterGc = 0;
        sample();
    }

    /** The phase's peaks in MB: {sampled used heap, heap after GC}. */
    synchronized double[] peaksMb() {
        sample();
        return new double[] {peakUsed / 1048576.0, peakAfterGc / 1048576.0};
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
