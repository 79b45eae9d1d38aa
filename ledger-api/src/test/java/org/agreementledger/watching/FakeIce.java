package org.agreementledger.watching;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for www.ice.gov and web.archive.org (JDK HttpServer, no internet): serves a page
 * shaped like ICE's 287(g) page, files with Last-Modified and ETag answering conditional requests
 * with 304 as a web server does, and whatever a test scripts (500s, 404s, bodies cut short).
 */
final class FakeIce implements AutoCloseable {

    /** How a path answers. */
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    /** One request as received: path (with query) and the conditional headers it carried. */
    record Request(String path, String ifNoneMatch, String ifModifiedSince, String userAgent) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeIce() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            requests.add(new Request(path, exchange.getRequestHeaders().getFirst("If-None-Match"),
                    exchange.getRequestHeaders().getFirst("If-Modified-Since"),
                    exchange.getRequestHeaders().getFirst("User-Agent")));
            Answer answer = answers.getOrDefault(path, answers.get(exchange.getRequestURI().getRawPath()));
            try {
                if (answer == null) {
                    send(exchange, 404, "text/html", "<html><body>Page not found</body></html>".getBytes());
                } else {
                    answer.answer(exchange);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** A server for a test class's static field, started. */
    static FakeIce started() {
        try {
            return new FakeIce();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A new directory for a test's archive. */
    static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void on(String path, Answer answer) {
        answers.put(path, answer);
    }

    void off(String path) {
        answers.remove(path);
    }

    long requestsFor(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).count();
    }

    /** A page like ICE's: the lists linked among other links, the way ICE's Drupal site prints them. */
    static String icePage(String... listHrefs) {
        StringBuilder links = new StringBuilder();
        for (String href : listHrefs) {
            String label = href.toLowerCase().contains("pending") ? "Pending Agencies" : "Participating Agencies";
            links.append("<li><a href=\"").append(href).append("\" title=\"").append(label).append("\">")
                    .append(label).append(" (XLSX)</a></li>\n");
        }
        return "<!DOCTYPE html><html lang=\"en\"><head><title>Delegation of Immigration Authority Section 287(g)"
                + " Immigration and Nationality Act | ICE</title></head><body>"
                + "<a href=\"/about-ice\">About ICE</a><a href=\"/doclib/about/offices/ero/pdf/287g-factsheet.pdf\">"
                + "Fact sheet</a><h2>Participating Agencies</h2><ul>" + links + "</ul></body></html>";
    }

    static Answer html(String html) {
        return exchange -> send(exchange, 200, "text/html; charset=UTF-8", html.getBytes(StandardCharsets.UTF_8));
    }

    /** A static file as a web server serves it: ETag and Last-Modified, and 304 to a request that holds them. */
    static Answer file(Path file, String lastModified) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "\"";
        return exchange -> {
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.getResponseHeaders().add("Last-Modified", lastModified);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))
                    || lastModified.equals(exchange.getRequestHeaders().getFirst("If-Modified-Since"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            send(exchange, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes);
        };
    }

    /** The Wayback Machine's id_ capture: the bytes, the original server's headers as X-Archive-Orig-*. */
    static Answer capture(Path file, String originalLastModified) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return exchange -> {
            if (originalLastModified != null) {
                exchange.getResponseHeaders().add("X-Archive-Orig-Last-Modified", originalLastModified);
            }
            send(exchange, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes);
        };
    }

    static Answer status(int status) {
        return exchange -> send(exchange, status, "text/html", ("<html><body>" + status + "</body></html>").getBytes());
    }

    /** {@code failures} answers of 500, then {@code then}. */
    static Answer failing(int failures, Answer then) {
        AtomicInteger failed = new AtomicInteger();
        return exchange -> {
            if (failed.getAndIncrement() < failures) {
                send(exchange, 500, "text/html", "<html><body>Internal Server Error</body></html>".getBytes());
            } else {
                then.answer(exchange);
            }
        };
    }

    /** Promises the whole file, sends half, and drops the connection: a download killed midway. */
    static Answer cutShort(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, bytes.length);
            OutputStream body = exchange.getResponseBody();
            body.write(bytes, 0, bytes.length / 2);
            body.flush();
            // closing the exchange now ends the response short of its Content-Length
        };
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
