package org.agreementledger.reporting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the calling thread's scheduling priority, for work that can wait. On two cores, folding
 * the report snapshot's overlay into new arrays (a second of one core at 100k versions) took a
 * core from the appends and the report batches they wait for, and each fold showed as a spike in
 * the appends' p99. At a niceness of 19 the fold runs on what the cores leave over. Linux only:
 * {@code renice} of the thread's own id ({@code /proc/thread-self}); elsewhere, or if that fails,
 * the thread runs as it is, which changes only how long its work takes.
 */
final class BackgroundPriority {

    private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);

    private BackgroundPriority() {
    }

    /** @param niceness 1 to 19; 0 or less leaves the thread as it is */
    static void lowerCurrentThread(int niceness) {
        if (niceness <= 0) {
            return;
        }
        try {
            // "<pid>/task/<tid>": Linux gives each thread its own priority under its own id
            String threadId = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(Math.min(19, niceness)), "-p", threadId)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(5, TimeUnit.SECONDS) || renice.exitValue() != 0) {
                log.info("thread {} left at its priority: renice did not succeed", Thread.currentThread().getName());
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("thread {} left at its priority: {}", Thread.currentThread().getName(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
