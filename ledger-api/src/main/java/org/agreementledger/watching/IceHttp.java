package org.agreementledger.watching;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every request the watcher and the backfill make, made politely: a User-Agent naming the project,
 * at least {@code min-interval} between two requests, conditional when the archive holds what a URL
 * answered before ({@code If-None-Match}, {@code If-Modified-Since}), and tried again with a doubling
 * wait when the server fails (a 5xx, a 429, a dropped or timed-out connection). A 404 or another
 * refusal is not tried again: it is the answer.
 */
@Component
class IceHttp {

    private static final Logger log = LoggerFactory.getLogger(IceHttp.class);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    private final WatchProperties properties;
    private final Clock clock;
    private final HttpClient client;
    private long lastRequestNanos;
    private boolean requested;

    IceHttp(WatchProperties properties, Clock importClock) {
        this.properties = properties;
        this.clock = importClock;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(properties.timeout())
                .build();
    }

    /** What a URL answered before: sent back so an unchanged resource costs a 304. */
    record Validators(String etag, String lastModified) {

        static final Validators NONE = new Validators(null, null);
    }

    /**
     * A 200's body in {@code into}, or a 304.
     *
     * @param lastModified the resource's Last-Modified (for a Wayback capture, the original server's)
     */
    record Fetched(boolean notModified, Path body, long size, String etag, String lastModified, Instant fetchedAt) {
    }

    /** A request that failed for good: its retries spent, or refused (a 404). */
    static final class FetchFailed extends Exception {

        FetchFailed(String message) {
            super(message);
        }
    }

    /**
     * GETs {@code uri}; a 200's body goes to {@code into} whole (a body cut short, or larger than
     * {@code max-file-size}, is a failure, and {@code into} is deleted).
     */
    Fetched get(URI uri, Validators validators, Path into) throws FetchFailed, InterruptedException {
        int attempts = Math.max(1, properties.attempts());
        String lastProblem = null;
        Duration retryAfter = Duration.ZERO;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                Duration backoff = properties.backoff().multipliedBy(1L << Math.min(attempt - 2, 16));
                Duration wait = backoff.compareTo(retryAfter) >= 0 ? backoff : retryAfter;
                log.warn("{}: {}; trying again in {} (attempt {} of {})", uri, lastProblem, wait, attempt, attempts);
                Thread.sleep(min(wait, LONGEST_WAIT).toMillis());
            }
            pace();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                    .timeout(properties.timeout())
                    .header("User-Agent", properties.userAgent());
            if (validators.etag() != null) {
                request.header("If-None-Match", validators.etag());
            }
            if (validators.lastModified() != null) {
                request.header("If-Modified-Since", validators.lastModified());
            }
            try {
                HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                Instant fetchedAt = clock.instant();
                int status = response.statusCode();
                try (InputStream body = response.body()) {
                    if (status == 304) {
                        return new Fetched(true, null, 0, validators.etag(), validators.lastModified(), fetchedAt);
                    }
                    if (status == 200) {
                        long size = copy(body, into, uri);
                        return new Fetched(false, into, size, header(response, "ETag"), lastModified(response),
                                fetchedAt);
                    }
                    body.transferTo(OutputStream.nullOutputStream());
                }
                lastProblem = "HTTP " + status;
                if (status < 500 && status != 429) {
                    throw new FetchFailed("HTTP " + status + (status == 404 ? " (not found: the link is dead)" : ""));
                }
                // the server's own word on when to ask again, if it gave one in seconds
                retryAfter = header(response, "Retry-After") == null ? Duration.ZERO
                        : retryAfter(header(response, "Retry-After")).orElse(Duration.ZERO);
            } catch (IOException e) {
                retryAfter = Duration.ZERO;
                deleteQuietly(into);
                lastProblem = (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        throw new FetchFailed(lastProblem + " after " + attempts + " attempt" + (attempts == 1 ? "" : "s"));
    }

    /** The body to {@code into}, refusing a file larger than max-file-size; a body cut short is an IOException. */
    private long copy(InputStream body, Path into, URI uri) throws IOException, FetchFailed {
        long limit = properties.maxFileSize().toBytes();
        long size = 0;
        try (OutputStream out = Files.newOutputStream(into)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = body.read(buffer)) != -1; ) {
                size += read;
                if (size > limit) {
                    throw new FetchFailed("larger than max-file-size (" + properties.maxFileSize() + "): not a list");
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException | FetchFailed | RuntimeException e) {
            deleteQuietly(into);
            throw e;
        }
        return size;
    }

    /** At least min-interval after the previous request. */
    private synchronized void pace() throws InterruptedException {
        long interval = properties.minInterval().toNanos();
        if (requested) {
            long waitNanos = lastRequestNanos + interval - System.nanoTime();
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
        }
        requested = true;
        lastRequestNanos = System.nanoTime();
    }

    /** A Wayback capture carries the original server's headers as {@code X-Archive-Orig-*}. */
    private static String lastModified(HttpResponse<?> response) {
        String archived = header(response, "X-Archive-Orig-Last-Modified");
        return archived != null ? archived : header(response, "Last-Modified");
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).map(String::strip).filter(value -> !value.isEmpty()).orElse(null);
    }

    private static Optional<Duration> retryAfter(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip().toLowerCase(Locale.ROOT))));
        } catch (NumberFormatException httpDate) {
            return Optional.empty();
        }
    }

    private static Duration min(Duration one, Duration other) {
        return one.compareTo(other) <= 0 ? one : other;
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover in the archive's .incoming directory is removed by the next run
        }
    }
}
