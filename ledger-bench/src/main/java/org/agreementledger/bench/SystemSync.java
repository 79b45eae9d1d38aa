package org.agreementledger.bench;

import static org.agreementledger.bench.BenchMain.round;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The page cache's dirty data written out before a latency measurement: {@code sync(1)}, timed, with
 * how much was dirty ({@code Dirty:} of {@code /proc/meminfo}) before it. The JDK has no call for
 * sync(2), and {@code FileChannel.force} reaches one file, not what initdb, the load and the rebuild
 * left in every file of the data directory. Where either is missing (not Linux), nothing is done and
 * both figures are NaN.
 */
record SystemSync(double dirtyMb, double seconds) {

    static SystemSync run() {
        double dirtyMb = dirtyNow();
        long started = System.nanoTime();
        try {
            Process sync = new ProcessBuilder("sync").inheritIO().start();
            if (sync.waitFor() != 0) {
                return new SystemSync(dirtyMb, Double.NaN);
            }
        } catch (IOException e) {
            return new SystemSync(dirtyMb, Double.NaN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SystemSync(dirtyMb, Double.NaN);
        }
        return new SystemSync(dirtyMb, round(Bench.seconds(started), 2));
    }

    private static double dirtyNow() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("Dirty:")) {
                    return round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0, 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return Double.NaN;
    }

    @Override
    public String toString() {
        return String.format("sync of the page cache: %.1f MB dirty, written in %.2f s", dirtyMb, seconds);
    }
}
