package org.agreementledger.watching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.agreementledger.progress.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The archivist's daily job: fetch ICE's 287(g) page, find the links to the participating and
 * pending lists, and bring in each list the archive does not hold yet (conditional requests, so an
 * unchanged list costs a 304): stored with its manifest line, then imported. Nothing fails silently:
 * every problem is a finding, logged as a warning, recorded in {@code ice_check} (read by
 * /actuator/health and the report page), and makes the run a failure.
 */
@Service
public class IceWatcher {

    private static final Logger log = LoggerFactory.getLogger(IceWatcher.class);

    private final WatchProperties properties;
    private final IceHttp http;
    private final ListIntake intake;
    private final WatchLog watchLog;
    private final Clock clock;

    IceWatcher(WatchProperties properties, IceHttp http, ListIntake intake, WatchLog watchLog, Clock importClock) {
        this.properties = properties;
        this.http = http;
        this.intake = intake;
        this.watchLog = watchLog;
        this.clock = importClock;
    }

    /** One check of ICE's page, recorded and logged, whatever it found. */
    public synchronized Check watch(Progress progress) throws InterruptedException {
        Instant started = clock.instant();
        List<Finding> findings = new ArrayList<>();
        URI page = properties.page();
        WatchLog.Page seen = null;
        try (ArchiveShelf shelf = ArchiveShelf.open(properties.manifest())) {
            seen = fetchPage(shelf, page, findings);
            List<URI> links = seen == null ? List.of() : seen.links();
            if (seen != null && links.isEmpty()) {
                findings.add(new Finding(Finding.Kind.NO_LINKS, page.toString(), null, "the page links no"
                        + " participating or pending list (no .xlsx link naming either): its layout has changed,"
                        + " or the lists moved; check the page and ledger.watch.page"));
            }
            progress.start("watch " + page.getHost() + " (lists)", links.size());
            int done = 0;
            for (URI link : links) {
                // the bar counts lists; a list's own phases (read, append) would overwrite it
                findings.add(fetchList(shelf, link));
                progress.advance(++done);
            }
            progress.finish();
        } catch (RuntimeException e) {
            findings.add(new Finding(Finding.Kind.FETCH_FAILED, page.toString(), null, "the check failed: "
                    + e.getMessage()));
            log.error("ICE watch failed", e);
        }
        Check check = finished(Check.WATCH, started, clock.instant(), findings, "ICE's page");
        watchLog.record(check, seen);
        return check;
    }

    /** The page's list links (those of the last check if it answers 304), or null if it could not be fetched. */
    private WatchLog.Page fetchPage(ArchiveShelf shelf, URI page, List<Finding> findings) throws InterruptedException {
        WatchLog.Page last = watchLog.lastPage().orElse(null);
        IceHttp.Validators validators = last == null ? IceHttp.Validators.NONE
                : new IceHttp.Validators(last.etag(), last.lastModified());
        Path body = shelf.incomingFile();
        try {
            IceHttp.Fetched fetched = http.get(page, validators, body);
            if (fetched.notModified()) {
                return last;
            }
            String html = Files.readString(body, StandardCharsets.UTF_8);
            return new WatchLog.Page(fetched.etag(), fetched.lastModified(), ListLinks.in(html, page));
        } catch (IceHttp.FetchFailed e) {
            findings.add(new Finding(Finding.Kind.FETCH_FAILED, page.toString(), null, "ICE's page: " + e.getMessage()));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            IceHttp.deleteQuietly(body);
        }
    }

    private Finding fetchList(ArchiveShelf shelf, URI link) throws InterruptedException {
        String url = link.toString();
        try {
            IceHttp.Fetched fetched = http.get(link, shelf.validatorsOf(url), shelf.incomingFile());
            if (fetched.notModified()) {
                var line = shelf.latestFrom(url);
                if (line.isEmpty()) {
                    return new Finding(Finding.Kind.FETCH_FAILED, url, null, "answered 304 Not Modified to a request"
                            + " that held nothing to compare with");
                }
                Finding stored = intake.stored(shelf, line.get(), Progress.NONE);
                return stored.kind() != Finding.Kind.ALREADY_RECORDED ? stored
                        : new Finding(Finding.Kind.ALREADY_RECORDED, url, stored.file(), "not modified since the"
                        + " archive stored it (304)");
            }
            return intake.take(shelf, new ListIntake.Download(link, url, ListLinks.fileName(link), "ice-sheet", null,
                    fetched), Progress.NONE);
        } catch (IceHttp.FetchFailed e) {
            return new Finding(Finding.Kind.FETCH_FAILED, url, null, e.getMessage());
        }
    }

    /** The run's check, its findings logged: an alert as a warning an operator sees. */
    static Check finished(String job, Instant started, Instant finishedAt, List<Finding> findings, String what) {
        Map<Finding.Kind, Long> counts = findings.stream()
                .collect(Collectors.groupingBy(Finding::kind, TreeMap::new, Collectors.counting()));
        String summary = what + ": " + (findings.isEmpty() ? "nothing found" : counts.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' '))
                .collect(Collectors.joining(", ")));
        boolean succeeded = findings.stream().noneMatch(Finding::alert);
        for (Finding finding : findings) {
            if (finding.alert()) {
                log.warn("{} {}", job, finding);
            } else {
                log.info("{} {}", job, finding);
            }
        }
        log.info("{}: {}", job, summary);
        return new Check(job, started, finishedAt, succeeded, summary, List.copyOf(findings));
    }
}
