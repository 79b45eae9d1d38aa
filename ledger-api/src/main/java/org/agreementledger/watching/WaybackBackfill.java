package org.agreementledger.watching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.agreementledger.importing.Publication;
import org.agreementledger.progress.Progress;
import org.springframework.stereotype.Service;

/**
 * {@code bin/ledger backfill --wayback}: every capture the Wayback Machine holds of ICE's lists (its
 * CDX API, by the URL prefix ICE posts them under), each content once (the earliest capture of each
 * digest), fetched if the archive does not hold it yet and imported in capture order, by the same
 * storage, manifest and rules as the watcher. It stops at the first capture it cannot fetch, so that
 * nothing is imported out of order; run again, it resumes there (a capture whose Wayback URL the
 * manifest lists is not fetched again).
 *
 * <p>Left out: the web-page era (until February 2025 ICE published its list as an HTML table on the
 * 287(g) page, not as a file). The import reads workbooks and CSV, not HTML; the archive in the
 * repository holds that era's tables as extracted by RelevantResearch/287g-DetentionData.
 */
@Service
public class WaybackBackfill {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final WatchProperties properties;
    private final IceHttp http;
    private final ListIntake intake;
    private final WatchLog watchLog;
    private final ObjectMapper json;
    private final Clock clock;

    WaybackBackfill(WatchProperties properties, IceHttp http, ListIntake intake, WatchLog watchLog, ObjectMapper json,
                    Clock importClock) {
        this.properties = properties;
        this.http = http;
        this.intake = intake;
        this.watchLog = watchLog;
        this.json = json;
        this.clock = importClock;
    }

    /** One capture of one of ICE's lists, as the CDX API lists it. */
    record Capture(String timestamp, String original, String digest) {

        Instant at() {
            return LocalDateTime.parse(timestamp, TIMESTAMP).toInstant(ZoneOffset.UTC);
        }
    }

    public synchronized Check backfill(Progress progress) throws InterruptedException {
        Instant started = clock.instant();
        List<Finding> findings = new ArrayList<>();
        try (ArchiveShelf shelf = ArchiveShelf.open(properties.manifest())) {
            List<Capture> captures = captures(shelf, findings);
            Set<String> stored = shelf.origins();
            List<Capture> toFetch = captures.stream().filter(capture -> !stored.contains(waybackUrl(capture))).toList();
            progress.start("backfill from the Wayback Machine (captures)", toFetch.size());
            int done = 0;
            for (Capture capture : toFetch) {
                // the bar counts captures; a list's own phases (read, append) would overwrite it
                Finding finding = fetch(shelf, capture);
                findings.add(finding);
                if (finding.kind() == Finding.Kind.FETCH_FAILED) {
                    findings.add(new Finding(Finding.Kind.FETCH_FAILED, waybackUrl(capture), null, "stopped here,"
                            + " so that nothing is imported out of order; " + (toFetch.size() - done - 1)
                            + " captures after it not fetched. Run the backfill again to resume from it"));
                    break;
                }
                progress.advance(++done);
            }
            progress.finish();
        } catch (RuntimeException e) {
            findings.add(new Finding(Finding.Kind.FETCH_FAILED, properties.wayback().cdx().toString(), null,
                    "the backfill failed: " + e.getMessage()));
        }
        Check check = IceWatcher.finished(Check.BACKFILL, started, clock.instant(), findings,
                "the Wayback Machine's captures");
        watchLog.record(check, null);
        return check;
    }

    /** The captures of ICE's lists, in capture order, each content (digest) once; empty if the CDX API failed. */
    private List<Capture> captures(ArchiveShelf shelf, List<Finding> findings) throws InterruptedException {
        WatchProperties.Wayback wayback = properties.wayback();
        URI query = URI.create(wayback.cdx() + "?url=" + URLEncoder.encode(wayback.lists(), StandardCharsets.UTF_8)
                + "&matchType=prefix&output=json&fl=timestamp,original,mimetype,statuscode,digest"
                + "&filter=statuscode:200");
        Path body = shelf.incomingFile();
        JsonNode rows;
        try {
            http.get(query, IceHttp.Validators.NONE, body);
            rows = json.readTree(body.toFile());
        } catch (IceHttp.FetchFailed e) {
            findings.add(new Finding(Finding.Kind.FETCH_FAILED, query.toString(), null, "the CDX API: " + e.getMessage()));
            return List.of();
        } catch (IOException e) {
            findings.add(new Finding(Finding.Kind.FETCH_FAILED, query.toString(), null,
                    "the CDX API did not answer JSON: " + e.getMessage()));
            return List.of();
        } finally {
            IceHttp.deleteQuietly(body);
        }
        List<Capture> captures = new ArrayList<>();
        // [["timestamp","original","mimetype","statuscode","digest"], ["20250221214937","https://...", ...], ...]
        for (int i = 1; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (row.size() < 5) {
                continue;
            }
            Capture capture = new Capture(row.get(0).asText(), row.get(1).asText(), row.get(4).asText());
            if (capture.timestamp().matches("\\d{14}") && isList(capture.original())) {
                captures.add(capture);
            }
        }
        captures.sort(Comparator.comparing(Capture::timestamp).thenComparing(Capture::original));
        Set<String> digests = new HashSet<>();
        return captures.stream().filter(capture -> digests.add(capture.digest())).toList();
    }

    private static boolean isList(String original) {
        try {
            return ListLinks.isList(URI.create(original.replace(" ", "%20")));
        } catch (IllegalArgumentException notAUrl) {
            return false;
        }
    }

    private Finding fetch(ArchiveShelf shelf, Capture capture) throws InterruptedException {
        String url = waybackUrl(capture);
        try {
            IceHttp.Fetched fetched = http.get(URI.create(url), IceHttp.Validators.NONE, shelf.incomingFile());
            URI original = URI.create(capture.original().replace(" ", "%20"));
            return intake.take(shelf, new ListIntake.Download(original, url, fileName(capture, original),
                    "ice-sheet-wayback-capture", capture.at(), fetched), Progress.NONE);
        } catch (IceHttp.FetchFailed e) {
            return new Finding(Finding.Kind.FETCH_FAILED, url, null, e.getMessage());
        }
    }

    /** {@code <web><timestamp>id_/<original>}: the capture's bytes as captured, without the Wayback Machine's banner. */
    String waybackUrl(Capture capture) {
        return properties.wayback().web() + capture.timestamp() + "id_/" + capture.original();
    }

    /**
     * ICE's name when it carries ICE's date (then the name is the claim the three dates check), else
     * the archive's naming of a capture, {@code participatingAgencies-YYYYMMDDhhmmss.xlsx}, dated by the capture.
     */
    private static String fileName(Capture capture, URI original) {
        String name = ListLinks.fileName(original);
        if (Publication.dateInName(name) != null) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)) + "-" + capture.timestamp() + ".xlsx";
    }
}
