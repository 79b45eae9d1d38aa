package org.agreementledger.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.agreementledger.importing.IceSheetFiles;
import org.agreementledger.importing.Publication;
import org.agreementledger.importing.app.PublicationImporter;
import org.agreementledger.importing.app.WorkbookFigures;
import org.agreementledger.testing.HeadlessChromium;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * The loading gate: a start-up task imports ICE's lists oldest first and stops half-way on a latch,
 * as the archive import on a first start is under way. Meanwhile the server answers: the page, the
 * status with its progress, and 503 problems saying how far loading has got for every read that
 * needs the whole ledger. Released, the task finishes, the ledger is ready, and the counts are
 * those of the last list.
 */
@TestPropertySource(properties = {"ledger.test.ledger=loading-gate", "ledger.readiness.retry-after=7s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadingGateTest extends LedgerIntegrationTest {

    static final int BEFORE_THE_LATCH = 3;
    static final CountDownLatch halfWay = new CountDownLatch(1);
    static final CountDownLatch release = new CountDownLatch(1);

    static List<Path> oldestFirst() {
        return IceSheetFiles.participating().stream().sorted(Comparator.comparing(file -> Publication.of(file))).toList();
    }

    @TestConfiguration
    static class ArchiveOnFirstStart {

        @Bean
        LedgerStartupTask iceArchive(PublicationImporter importer) {
            return new LedgerStartupTask() {
                @Override
                public String description() {
                    return "loading ICE's archive";
                }

                @Override
                public void run(LedgerReadiness.Loading loading) throws InterruptedException {
                    List<Path> files = oldestFirst();
                    loading.start("ICE's archive", files.size());
                    for (int i = 0; i < files.size(); i++) {
                        if (i == BEFORE_THE_LATCH) {
                            halfWay.countDown();
                            release.await();
                        }
                        Path file = files.get(i);
                        importer.importFile(file, file.getFileName().toString(), null, loading.rows());
                        loading.advance(i + 1);
                    }
                    loading.finish();
                }
            };
        }
    }

    @Autowired
    TestRestTemplate http;

    @AfterAll
    static void letItFinish() {
        release.countDown();
    }

    @Test
    @Order(1)
    void whileLoadingReadsAnswer503WithTheProgressAndOnceReadyTheFigures() throws Exception {
        assertThat(halfWay.await(2, TimeUnit.MINUTES)).as("the start-up task reached the latch").isTrue();
        int total = oldestFirst().size();

        JsonNode status = http.getForObject("/api/status", JsonNode.class);
        assertThat(status.path("state").asText()).isEqualTo("loading");
        assertThat(status.path("task").asText()).isEqualTo("loading ICE's archive");
        assertThat(status.path("loading").path("filesDone").asInt()).isEqualTo(BEFORE_THE_LATCH);
        assertThat(status.path("loading").path("filesTotal").asInt()).isEqualTo(total);
        assertThat(status.path("loading").path("rows").asLong()).as("rows read of the files done").isPositive();
        assertThat(status.path("loading").path("rowsPerSecond").asLong()).isPositive();
        assertThat(status.path("loading").path("etaSeconds").isNumber()).isTrue();
        assertThat(status.path("message").asText())
                .startsWith("loading ICE's archive: " + BEFORE_THE_LATCH + " of " + total + " files, ");

        for (String read : List.of("/api/reports/counts?asOf=2025-06-06", "/api/reports/counts?asOf=2025-06-06&format=csv",
                "/api/reports/timeline?from=2025-05-01&to=2025-06-06", "/api/reports/reconciliation",
                "/api/agreements?asOf=2025-06-06", "/api/reports/agreements?asOf=2025-06-06",
                "/api/agencies/FL-miami-dade-county-sheriffs-office",
                "/api/agreements/FL-x%23JEM%232025-01-02/history")) {
            // as written, %23 included (the template would encode it again)
            ResponseEntity<JsonNode> refused = http.getForEntity(URI.create(http.getRootUri() + read), JsonNode.class);
            assertThat(refused.getStatusCode()).as(read).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(refused.getHeaders().getContentType()).as(read).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).as(read).isEqualTo("7");
            assertThat(refused.getBody().path("title").asText()).isEqualTo("Ledger loading");
            assertThat(refused.getBody().path("detail").asText()).as(read)
                    .contains("not ready").contains(BEFORE_THE_LATCH + " of " + total + " files");
            assertThat(refused.getBody().path("loading").path("filesDone").asInt()).isEqualTo(BEFORE_THE_LATCH);
        }
        assertThat(http.getForEntity("/", String.class).getStatusCode()).as("the page, to say it is loading")
                .isEqualTo(HttpStatus.OK);
    }

    @LocalServerPort
    int port;

    /** Skipped without Chromium (then the next test releases the task). */
    @Test
    @Order(2)
    void thePageSaysHowFarLoadingHasGotThenShowsTheFigures() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.open()) {
            WebDriver browser = chromium.browser();
            browser.get("http://localhost:" + port + "/");
            WebElement banner = browser.findElement(By.id("loading-banner"));
            chromium.waiting().until(ExpectedConditions.attributeToBe(banner, "data-state", "loading"));
            assertThat(banner.isDisplayed()).isTrue();
            assertThat(banner.getText()).startsWith("Loading ICE's archive: " + BEFORE_THE_LATCH + " of "
                    + oldestFirst().size() + " files…");
            assertThat(browser.findElement(By.id("figure-agreements")).getText()).as("no figure, not a zero")
                    .isEqualTo("–");
            assertThat(browser.findElement(By.id("figures")).getAttribute("data-as-of")).isEmpty();
            Path shot = Path.of("target", "report-page-loading.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

            release.countDown();
            chromium.waiting().until(ExpectedConditions.attributeToBeNotEmpty(
                    browser.findElement(By.id("figures")), "data-as-of"));
            assertThat(banner.isDisplayed()).isFalse();
            String asOf = browser.findElement(By.id("figures")).getAttribute("data-as-of");
            JsonNode counts = http.getForObject("/api/reports/counts?asOf={day}", JsonNode.class, asOf);
            assertThat(browser.findElement(By.id("figure-agreements")).getText())
                    .isEqualTo(NumberFormat.getIntegerInstance(Locale.US).format(counts.path("agreements").asLong()));
        }
    }

    @Test
    @Order(3)
    void onceReadyTheFiguresAreThoseOfTheLastList() throws Exception {
        release.countDown();
        int total = oldestFirst().size();
        JsonNode ready = awaitReady(Duration.ofMinutes(2));
        assertThat(ready.has("loading")).isFalse();
        assertThat(ready.path("reports").path("behind").asLong()).as("ready once the reports hold the archive")
                .isZero();

        Path last = oldestFirst().get(total - 1);
        LocalDate day = Publication.of(last).publishedOn();
        ResponseEntity<JsonNode> counts = http.getForEntity("/api/reports/counts?asOf={d}&knownAt={d}", JsonNode.class,
                day, day);
        assertThat(counts.getStatusCode()).isEqualTo(HttpStatus.OK);
        WorkbookFigures listed = WorkbookFigures.of(last);
        assertThat(counts.getBody().path("agreements").asLong()).isEqualTo(listed.agreements());
        assertThat(counts.getBody().path("agencies").asLong()).isEqualTo(listed.agencies());
    }

    @Autowired
    LedgerReadiness readiness;

    @Test
    @Order(4)
    void whenLoadingFailedReadsSayWhyAndThatAskingAgainWillNotHelp() throws Exception {
        release.countDown();
        awaitReady(Duration.ofMinutes(2));
        readiness.failed("participatingAgencies07012025am.xlsx: required column missing: SIGNED");
        try {
            ResponseEntity<JsonNode> refused = http.getForEntity("/api/reports/counts?asOf=2025-06-06", JsonNode.class);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(refused.getBody().path("title").asText()).isEqualTo("Ledger failed to load");
            assertThat(refused.getBody().path("detail").asText()).contains("could not finish loading")
                    .contains("required column missing: SIGNED").contains("restarted");
            assertThat(refused.getHeaders().containsKey(HttpHeaders.RETRY_AFTER)).isFalse();
            JsonNode status = http.getForObject("/api/status", JsonNode.class);
            assertThat(status.path("state").asText()).isEqualTo("failed");
            assertThat(status.path("reason").asText()).endsWith("required column missing: SIGNED");
        } finally {
            readiness.ready();
        }
    }

    private JsonNode awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode status = http.getForObject("/api/status", JsonNode.class);
            if (!status.path("state").asText().equals("loading") || System.nanoTime() > deadline) {
                assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("ready");
                return status;
            }
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void icesFilesAreAsPublished() {
        IceSheetFiles.assertUntouched();
    }
}
