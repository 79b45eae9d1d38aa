package org.agreementledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.agreementledger.progress.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first-page timer against a stand-in server in this JVM (the ledger's own start is measured by
 * bench/run, too slow for a unit test): it listens only after a while, says it is loading for a few
 * status calls, answers reports 503 until ready. The process launched is {@code sleep}, which the
 * timer must stop.
 */
class FirstPageTest {

    @TempDir
    Path dir;

    @Test
    void timesThePageThenReadyThenTheFiguresAndStopsTheProcess() throws Exception {
        int port = FirstPage.freePort();
        AtomicInteger statusCalls = new AtomicInteger();
        boolean[] ready = {false};
        HttpServer server = HttpServer.create();
        server.createContext("/", exchange -> answer(exchange, 200, "<html>loading</html>"));
        server.createContext("/api/status", exchange -> {
            if (statusCalls.incrementAndGet() < 5) {
                answer(exchange, 200, "{\"state\":\"loading\",\"loading\":{\"filesDone\":" + statusCalls.get()
                        + ",\"filesTotal\":5,\"rows\":" + 100 * statusCalls.get() + ",\"rowsPerSecond\":250.0}}");
            } else {
                ready[0] = true;
                answer(exchange, 200, "{\"state\":\"ready\"}");
            }
        });
        server.createContext("/api/reports/counts", exchange -> answer(exchange, ready[0] ? 200 : 503, "{}"));
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        later.schedule(() -> {
            server.bind(new InetSocketAddress("127.0.0.1", port), 0);
            server.start();
            return null;
        }, 400, TimeUnit.MILLISECONDS);
        try {
            Map<String, Object> figure = new FirstPage(Progress.NONE).measure("stand-in", List.of("sleep", "60"),
                    Map.of(), port, dir.resolve("log"), Duration.ofSeconds(30));

            assertThat(seconds(figure, "pageSeconds")).isGreaterThanOrEqualTo(0.4);
            assertThat(seconds(figure, "readySeconds")).isGreaterThanOrEqualTo(seconds(figure, "pageSeconds"));
            assertThat(seconds(figure, "figuresSeconds")).isGreaterThanOrEqualTo(seconds(figure, "readySeconds"));
            assertThat(figure.get("stateAtPage")).isEqualTo("loading");
            assertThat(figure.get("statusRows")).isEqualTo(400L);
            assertThat(figure.get("stoppedCleanly")).isEqualTo(true);
            assertThat(figure.get("exitCode")).isEqualTo(143); // SIGTERM
        } finally {
            later.shutdownNow();
            server.stop(0);
        }
    }

    @Test
    void aServerThatExitsBeforeItAnswersFailsTheRunQuotingItsLog() throws IOException {
        int port = FirstPage.freePort();
        Path log = dir.resolve("log");
        assertThatThrownBy(() -> new FirstPage(Progress.NONE).measure("stand-in",
                List.of("sh", "-c", "echo no database here; exit 3"), Map.of(), port, log, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with 3")
                .hasMessageContaining("no database here");
        assertThat(Files.readString(log)).contains("no database here");
    }

    private static double seconds(Map<String, Object> figure, String key) {
        return ((Number) figure.get(key)).doubleValue();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
