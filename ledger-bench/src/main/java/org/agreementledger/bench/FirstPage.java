package org.agreementledger.bench;

import static org.agreementledger.bench.BenchMain.round;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.agreementledger.progress.Progress;

/**
 * The time from launching a server command to its first served page, measured from outside as a
 * person's browser sees it: the command is started as a child process, and from the instant before
 * {@link ProcessBuilder#start()} the page {@code /} is asked for every {@value #POLL_MS} ms until it
 * answers at all (the page served; on a loading ledger it shows the loading banner), then
 * {@code /api/status} until it says {@code "state":"ready"}, then {@code /api/reports/counts} until it
 * answers 200 (the page's figures served). The process is then stopped with SIGTERM and waited for
 * (SIGKILL only if it has not ended within a minute, which is reported). Its output goes to a log
 * file, whose tail is quoted if the server exits or fails before it is ready.
 */
final class FirstPage {

    /** How often the page and the status are asked for: the figures' resolution. */
    static final int POLL_MS = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Progress progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1).build();

    FirstPage(Progress progress) {
        this.progress = progress;
    }

    /**
     * One launch: the times from launch to the page, to ready, to the figures, and to the end of the
     * process once stopped.
     *
     * @param label       what the launch is, for the progress on stderr
     * @param command     the command line
     * @param environment variables to set for it (others inherited)
     * @param port        where it listens on loopback
     * @param log         where its stdout and stderr go (appended)
     * @param timeout     how long it may take to serve its figures
     */
    Map<String, Object> measure(String label, List<String> command, Map<String, String> environment, int port,
                                Path log, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("LEDGER_DB_URL"); // the embedded PostgreSQL of its data directory
        builder.environment().putAll(environment);
        long deadline = System.nanoTime() + timeout.toNanos();
        long launched = System.nanoTime();
        Process process = builder.start();
        Map<String, Object> figure = new LinkedHashMap<>();
        try {
            HttpResponse<String> page = poll(process, deadline, log, port, "/",
                    response -> response.statusCode() == 200);
            figure.put("pageSeconds", seconds(launched));
            Bench.note(label + ": the page answered " + page.statusCode() + " after " + figure.get("pageSeconds") + " s");
            HttpResponse<String> status = get(port, "/api/status");
            String stateAtPage = status == null ? null : JSON.readTree(status.body()).path("state").asText(null);
            figure.put("stateAtPage", stateAtPage);

            double[] lastRowsPerSecond = {0};
            long[] lastRows = {0};
            boolean[] counting = {false};
            poll(process, deadline, log, port, "/api/status", response -> {
                JsonNode document = JSON.readTree(response.body());
                String state = document.path("state").asText();
                if ("failed".equals(state)) {
                    throw new IllegalStateException("the ledger failed to load: " + document.path("reason").asText());
                }
                JsonNode loading = document.path("loading");
                if (!loading.isMissingNode()) {
                    lastRowsPerSecond[0] = loading.path("rowsPerSecond").asDouble(lastRowsPerSecond[0]);
                    lastRows[0] = loading.path("rows").asLong(lastRows[0]);
                    long total = loading.path("filesTotal").asLong(0);
                    if (!counting[0] && total > 0) {
                        progress.start(label + ": loading (files, as /api/status says)", total);
                        counting[0] = true;
                    }
                    if (counting[0]) {
                        progress.advance(loading.path("filesDone").asLong(0));
                    }
                }
                return response.statusCode() == 200 && "ready".equals(state);
            });
            if (counting[0]) {
                progress.finish();
            }
            figure.put("readySeconds", seconds(launched));
            poll(process, deadline, log, port, "/api/reports/counts?asOf=" + LocalDate.now(),
                    response -> response.statusCode() == 200);
            figure.put("figuresSeconds", seconds(launched));
            Bench.note(label + ": ready after " + figure.get("readySeconds") + " s, figures served after "
                    + figure.get("figuresSeconds") + " s");
            figure.put("pageToFiguresSeconds", round(((Number) figure.get("figuresSeconds")).doubleValue()
                    - ((Number) figure.get("pageSeconds")).doubleValue(), 2));
            if (lastRows[0] > 0) {
                // the server's own figure while it loaded, as /api/status last said it
                figure.put("statusRows", lastRows[0]);
                figure.put("statusRowsPerSecond", round(lastRowsPerSecond[0], 0));
            }
        } finally {
            stop(process, figure);
        }
        return figure;
    }

    /** SIGTERM, then wait: Spring closes the context and stops its PostgreSQL. */
    private static void stop(Process process, Map<String, Object> figure) throws InterruptedException {
        long stopping = System.nanoTime();
        process.destroy();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        figure.put("stopSeconds", seconds(stopping));
        figure.put("stoppedCleanly", ended);
        if (!process.isAlive()) {
            figure.put("exitCode", process.exitValue());
        }
    }

    interface Answer {
        boolean enough(HttpResponse<String> response) throws IOException;
    }

    /** Asks for {@code path} until an answer is enough; fails if the process ends or time runs out. */
    private HttpResponse<String> poll(Process process, long deadline, Path log, int port, String path, Answer answer)
            throws IOException, InterruptedException {
        while (true) {
            HttpResponse<String> response = get(port, path);
            if (response != null && answer.enough(response)) {
                return response;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + " before "
                        + path + " answered as awaited; its log ends:\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no awaited answer from " + path + " in time; the server's log ends:\n"
                        + tail(log));
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** One GET on loopback; null while nothing listens. */
    private HttpResponse<String> get(int port, String path) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException notListening) {
            return null;
        }
    }

    /** A port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static double seconds(long startedNanos) {
        return round((System.nanoTime() - startedNanos) / 1e9, 2);
    }
}
