package org.agreementledger.reporting;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A background check run on a daemon thread of its own with a fixed delay between runs, from
 * {@link #start} to {@link #stop}. A thread each rather than Spring's shared scheduler: a run of
 * one (finishing a whole rebuild) must not hold up another (balancing segments), and a run never
 * overlaps the one before it.
 */
final class PeriodicTask {

    private final String threadName;
    private final Runnable task;
    private ScheduledExecutorService executor;

    PeriodicTask(String threadName, Runnable task) {
        this.threadName = threadName;
        this.task = task;
    }

    /** Starts running the task after {@code first}, then {@code every} after each run ends; once. */
    synchronized void start(Duration first, Duration every) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(task, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Interrupts a run under way and runs the task no more. */
    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
