package org.agreementledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.agreementledger.importing.IceSheetFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/ledger watch} and {@code bin/ledger backfill --wayback} as a timer runs them, against a
 * local server (no internet): what they print and their exit status. The behaviour itself is tested
 * in org.agreementledger.watching.
 */
class WatchCliTest extends CommandLineLedgerTest {

    static HttpServer server;
    static Path archive;

    @BeforeAll
    static void localIce() throws IOException {
        byte[] list = Files.readAllBytes(IceSheetFiles.directory().resolve("participatingAgencies05162025am.xlsx"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            int status = 200;
            if (path.equals("/identify-and-arrest/287g")) {
                body = "<a href=\"/doclib/about/offices/ero/287g/participatingAgencies05162025am.xlsx\">Participating</a>"
                        .getBytes();
            } else if (path.endsWith("participatingAgencies05162025am.xlsx")) {
                exchange.getResponseHeaders().add("Last-Modified", "Fri, 16 May 2025 13:02:11 GMT");
                body = list;
            } else if (path.equals("/cdx/search/cdx")) {
                body = "[[\"timestamp\",\"original\",\"mimetype\",\"statuscode\",\"digest\"]]".getBytes();
            } else {
                status = 404;
                body = "not found".getBytes();
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        archive = Files.createTempDirectory("watch-cli-").resolve("MANIFEST.csv");
        System.setProperty("ledger.watch.min-interval", "0s");
        System.setProperty("ledger.watch.wayback.cdx", base() + "/cdx/search/cdx");
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        System.clearProperty("ledger.watch.min-interval");
        System.clearProperty("ledger.watch.wayback.cdx");
    }

    static String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void watchImportsWhatIsNewAndSaysSo() {
        CommandLineRuns.Run run = CommandLineRuns.ledger("watch", "--archive", archive.toString(), "--page",
                base() + "/identify-and-arrest/287g");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("IMPORTED", "participatingAgencies05162025am.xlsx", "stored and imported",
                "ICE's page: 1 imported");
        assertThat(archive.resolveSibling("files").resolve("participatingAgencies05162025am.xlsx")).isRegularFile();
        assertThat(count("select count(*) from ice_check where job = 'watch' and succeeded")).isEqualTo(1);

        CommandLineRuns.Run broken = CommandLineRuns.ledger("watch", "--archive", archive.toString(), "--page",
                base() + "/no-such-page");
        assertThat(broken.exitCode()).isEqualTo(LedgerCli.FAILURE);
        assertThat(broken.out()).contains("ALERT FETCH_FAILED", "HTTP 404");
    }

    @Test
    void backfillNeedsToBeToldWhereFromAndReportsAnEmptyListing() {
        CommandLineRuns.Run missing = CommandLineRuns.ledger("backfill");
        assertThat(missing.exitCode()).isEqualTo(LedgerCli.BAD_INPUT);
        assertThat(missing.err()).contains("--wayback");

        CommandLineRuns.Run run = CommandLineRuns.ledger("backfill", "--wayback", "--archive", archive.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("the Wayback Machine's captures: nothing found");
    }
}
