package org.agreementledger.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.agreementledger.demo.SyntheticPublications;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Report readers on loopback while publications import over HTTP, as readers of a public record
 * arrive: open loop, at a fixed rate ({@code ledger.load.rate}: 200 requests a second in the full
 * run, 25 in the reduced one {@code verify} runs), whether or
 * not earlier answers have come back, half counts and half weekly timelines at random (asOf,
 * knownAt). A request's time runs from when it was due, so a server falling behind shows as
 * latency, not as fewer requests. The same publications are imported into two fresh ledgers in
 * the same run: once with nobody reading (the baseline), once under the readers. Every request
 * must succeed. With {@code -Dledger.load.full=true} (50 publications; bench/run's load phase) the
 * targets are asserted too: p99 of counts at most 50 ms and of timelines at most 100 ms, the loaded
 * imports at most 1.5 times the baseline. Figures go to stdout and
 * {@code target/reliability/load-report.txt}.
 */
@Tag("reliability")
@ExtendWith(LedgerDatabaseExtension.class)
class ReportsUnderImportLoadTest {

    private static final boolean FULL = Boolean.getBoolean("ledger.load.full");
    private static final int RATE = Integer.getInteger("ledger.load.rate", FULL ? 200 : 25);
    private static final int PUBLICATIONS = Integer.getInteger("ledger.load.publications", FULL ? 50 : 10);
    private static final int WARM_UP = 5;
    private static final Duration TIME_LIMIT = Duration.ofMinutes(FULL ? 15 : 4);

    @TempDir
    Path work;

    record Sample(String kind, long nanos) {
    }

    @Test
    void reportsAnswerEveryRequestWhilePublicationsImport() throws Exception {
        List<SyntheticPublications.Publication> publications = SyntheticPublications.write(work, PUBLICATIONS);
        Instant limit = Instant.now().plus(TIME_LIMIT);

        // warm the JIT on a ledger of its own so that neither measured run pays for it
        try (ConfigurableApplicationContext warm = start()) {
            importAll(warm, publications.subList(0, Math.min(WARM_UP, publications.size())), limit);
        }
        List<Long> baseline;
        try (ConfigurableApplicationContext quiet = start()) {
            baseline = importAll(quiet, publications, limit);
        }

        Queue<Sample> samples = new ConcurrentLinkedQueue<>();
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        List<Long> loaded;
        long requests;
        long servedFor;
        try (ConfigurableApplicationContext busy = start()) {
            OpenLoopReaders readers = new OpenLoopReaders(base(busy), RATE, limit, samples, errors);
            long started = System.nanoTime();
            readers.start();
            try {
                loaded = importAll(busy, publications, limit);
            } finally {
                readers.stop();
            }
            servedFor = System.nanoTime() - started;
            requests = readers.sent();
        }
        String report = report(baseline, loaded, new ArrayList<>(samples), requests, errors, servedFor);
        System.out.println(report);
        Path out = Path.of("target", "reliability");
        Files.createDirectories(out);
        Files.writeString(out.resolve("load-report.txt"), report, StandardCharsets.UTF_8);

        assertThat(errors).as("failed report requests").isEmpty();
        assertThat(samples).as("requests answered").isNotEmpty().hasSize((int) requests);
        if (FULL) {
            assertThat(percentile(nanos(samples, "counts"), 99)).as("p99 of counts (ns)")
                    .isLessThanOrEqualTo(Duration.ofMillis(50).toNanos());
            assertThat(percentile(nanos(samples, "timeline"), 99)).as("p99 of timelines (ns)")
                    .isLessThanOrEqualTo(Duration.ofMillis(100).toNanos());
            assertThat((double) sum(loaded)).as("loaded import time against 1.5 x unloaded")
                    .isLessThanOrEqualTo(1.5 * sum(baseline));
        }
    }

    private ConfigurableApplicationContext start() {
        LedgerDatabaseExtension.TestDatabase database = LedgerDatabaseExtension.newDatabase();
        return InProcessLedger.start(database.url(), database.user(), database.password(), WebApplicationType.SERVLET,
                "--logging.level.org.agreementledger=warn");
    }

    private static URI base(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    /** Imports each publication over HTTP, in order; returns each one's time in nanoseconds. */
    private static List<Long> importAll(ConfigurableApplicationContext context,
                                        List<SyntheticPublications.Publication> publications, Instant limit)
            throws IOException, InterruptedException {
        HttpClient client = Clients.http();
        List<Long> times = new ArrayList<>();
        for (SyntheticPublications.Publication publication : publications) {
            assertThat(Instant.now()).as("imports within the time limit").isBefore(limit);
            URI uri = base(context).resolve("/api/imports?fileName=" + publication.file().getFileName()
                    + "&publishedOn=" + publication.publishedOn());
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + InProcessLedger.ARCHIVIST_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofFile(publication.file())).build(),
                    HttpResponse.BodyHandlers.ofString());
            times.add(System.nanoTime() - start);
            assertThat(response.statusCode()).as("import of %s: %s", publication.file().getFileName(), response.body())
                    .isEqualTo(200);
            assertThat(response.body()).contains("\"outcome\":\"imported\"");
        }
        return times;
    }

    /**
     * Requests due every 1/rate seconds, sent asynchronously as they fall due (one scheduler thread
     * only issues them), each timed from when it was due to its answer.
     */
    private static final class OpenLoopReaders {
        private final URI base;
        private final long periodNanos;
        private final Instant limit;
        private final Queue<Sample> samples;
        private final Queue<String> errors;
        /** A request waiting for a connection is a request queued: time it, do not fail it early. */
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .version(HttpClient.Version.HTTP_1_1).build();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger sent = new AtomicInteger();
        private final List<java.util.concurrent.CompletableFuture<?>> inFlight =
                Collections.synchronizedList(new ArrayList<>());
        private Thread scheduler;

        OpenLoopReaders(URI base, int rate, Instant limit, Queue<Sample> samples, Queue<String> errors) {
            this.base = base;
            this.periodNanos = 1_000_000_000L / rate;
            this.limit = limit;
            this.samples = samples;
            this.errors = errors;
        }

        void start() {
            scheduler = new Thread(this::issue, "open-loop-readers");
            scheduler.start();
        }

        private void issue() {
            java.util.Random random = new java.util.Random(42);
            long due = System.nanoTime();
            for (int n = 0; running.get() && Instant.now().isBefore(limit); n++) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                boolean counts = n % 2 == 0;
                java.time.LocalDate day = SyntheticPublications.FIRST.plusDays(random.nextInt(60));
                java.time.LocalDate knownAt = SyntheticPublications.FIRST.plusDays(random.nextInt(120));
                String path = counts
                        ? "/api/reports/counts?asOf=" + day + "&knownAt=" + knownAt
                        : "/api/reports/timeline?from=2025-01-01&to=2025-12-31&step=week&knownAt=" + knownAt;
                long dueAt = due;
                sent.incrementAndGet();
                inFlight.add(client.sendAsync(HttpRequest.newBuilder(base.resolve(path))
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, failure) -> {
                            long elapsed = System.nanoTime() - dueAt;
                            if (failure != null) {
                                errors.add(path + " -> " + failure);
                            } else if (response.statusCode() == 200) {
                                samples.add(new Sample(counts ? "counts" : "timeline", elapsed));
                            } else {
                                errors.add(path + " -> " + response.statusCode() + " " + response.body());
                            }
                        }));
                due += periodNanos;
            }
        }

        /** Stops issuing and waits for every request issued to be answered. */
        void stop() throws InterruptedException {
            running.set(false);
            scheduler.join();
            for (java.util.concurrent.CompletableFuture<?> request : new ArrayList<>(inFlight)) {
                try {
                    request.get(1, java.util.concurrent.TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException failed) {
                    // counted as an error by its own completion (or left unanswered: counted below)
                }
            }
        }

        long sent() {
            return sent.get();
        }
    }

    private static List<Long> nanos(java.util.Collection<Sample> samples, String kind) {
        return samples.stream().filter(sample -> sample.kind().equals(kind)).map(Sample::nanos).toList();
    }

    static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static long sum(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sum();
    }

    private static String ms(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }

    private static String report(List<Long> baseline, List<Long> loaded, List<Sample> samples, long requests,
                                 Queue<String> errors, long servedForNanos) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("Load (%s run, %d cores): open loop at %d requests/s offered, %d publications of"
                        + " %d+ rows (CSV, over HTTP)%n", FULL ? "full" : "reduced",
                Runtime.getRuntime().availableProcessors(), RATE, PUBLICATIONS, SyntheticPublications.BASE_AGENCIES));
        text.append(String.format("  served   %.1f requests/s over %.1f s (%d sent)%n",
                samples.size() / (servedForNanos / 1e9), servedForNanos / 1e9, requests));
        for (String kind : List.of("counts", "timeline")) {
            List<Long> values = nanos(samples, kind);
            text.append(String.format("  %-8s %6d answered  p50 %s  p99 %s  max %s%n", kind, values.size(),
                    ms(percentile(values, 50)), ms(percentile(values, 99)), ms(percentile(values, 100))));
        }
        double ratio = (double) sum(loaded) / sum(baseline);
        text.append(String.format("  errors   %d of %d requests%s%n", errors.size(), requests,
                errors.isEmpty() ? "" : " (first: " + errors.peek() + ")"));
        text.append(String.format("  imports  unloaded %s total (first %s, later p50 %s); loaded %s total (first %s,"
                        + " later p50 %s); loaded/unloaded %.2f%n",
                ms(sum(baseline)), ms(baseline.get(0)), ms(percentile(baseline.subList(1, baseline.size()), 50)),
                ms(sum(loaded)), ms(loaded.get(0)), ms(percentile(loaded.subList(1, loaded.size()), 50)), ratio));
        text.append(String.format("  targets  errors 0: %s; p99 counts <= 50 ms: %s; p99 timelines <= 100 ms: %s;"
                        + " imports <= 1.5x: %s%n", errors.isEmpty() && samples.size() == requests ? "held" : "MISSED",
                percentile(nanos(samples, "counts"), 99) <= Duration.ofMillis(50).toNanos() ? "held" : "MISSED",
                percentile(nanos(samples, "timeline"), 99) <= Duration.ofMillis(100).toNanos() ? "held" : "MISSED",
                ratio <= 1.5 ? "held" : "MISSED"));
        return text.toString();
    }
}
