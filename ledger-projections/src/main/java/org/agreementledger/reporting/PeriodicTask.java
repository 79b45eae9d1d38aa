package org.agreementledger.reporting;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;

/**
 * A background check that runs once the application context is up and stops with it: on a daemon
 * thread of its own, with a fixed delay between runs. A thread each rather than Spring's shared
 * scheduler: a run of one (finishing a whole rebuild) must not hold up another (balancing segments),
 * and a run never overlaps the one before it. A period of zero (or less) never runs it.
 */
abstract class PeriodicTask {

    private final String threadName;
    private final Duration first;
    private final Duration every;
    private ScheduledExecutorService executor;

    /** Runs after {@code first}, then {@code every} after each run ends. */
    PeriodicTask(String threadName, Duration first, Duration every) {
        this.threadName = threadName;
        this.first = first;
        this.every = every;
    }

    /** One run; it catches its own failures, or the runs stop. */
    abstract void runOnce();

    @EventListener(ContextRefreshedEvent.class)
    synchronized void start() {
        if (executor != null || every.isZero() || every.isNegative()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runOnce, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Interrupts a run under way and runs the task no more. */
    @EventListener(ContextClosedEvent.class)
    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
