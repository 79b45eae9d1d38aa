package org.agreementledger.demo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.agreementledger.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The report page in headless Chromium against the running application on the demo history: change
 * the date, check the figures shown are the API's, click a state and an agreement to see its history,
 * and leave a screenshot in target/. Uses the Debian chromium and chromium-driver packages
 * ({@link HeadlessChromium}; .ci/run installs them).
 */
class ReportPageBrowserTest extends DemoLedgerTest {

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;

    private HeadlessChromium chromium;
    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        chromium = HeadlessChromium.open();
        browser = chromium.browser();
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    private WebDriverWait waiting() {
        return chromium.waiting();
    }

    private static String number(long n) {
        return NumberFormat.getIntegerInstance(Locale.US).format(n);
    }

    @Test
    void theFiguresShownAreTheApisAndARowOpensAHistory() throws Exception {
        browser.get("http://localhost:" + port + "/");
        waiting().until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("figures")), "data-as-of"));
        assertThat(browser.findElement(By.id("synthetic-banner")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("synthetic-banner")).getText()).startsWith("SYNTHETIC DATA");
        assertThat(browser.findElement(By.id("loading-banner")).isDisplayed()).as("a ready ledger").isFalse();
        assertThat(browser.findElement(By.id("behind-banner")).isDisplayed()).as("reports caught up").isFalse();

        // change the date the way a person does: the input changes and fires its change event
        ((JavascriptExecutor) browser).executeScript("const input = document.getElementById('as-of');"
                + " input.value = '2026-01-26'; input.dispatchEvent(new Event('change'));");
        waiting().until(ExpectedConditions.attributeToBe(By.id("figures"), "data-as-of", "2026-01-26"));

        JsonNode counts = http.getForObject("/api/reports/counts?asOf=2026-01-26", JsonNode.class);
        assertThat(browser.findElement(By.id("figure-agreements")).getText())
                .isEqualTo(number(counts.path("agreements").asLong()));
        assertThat(browser.findElement(By.id("figure-agencies")).getText()).isEqualTo("1,168");
        assertThat(browser.findElement(By.id("figure-states")).getText()).isEqualTo("39");
        assertThat(browser.findElement(By.id("figure-territories")).getText())
                .isEqualTo(number(counts.path("territories").asLong()));
        WebElement florida = browser.findElement(By.cssSelector("#by-state tr[data-state='FL']"));
        assertThat(florida.findElements(By.tagName("td")).get(1).getText()).isEqualTo("342");
        WebElement tfm = browser.findElement(By.cssSelector("#by-model tr[data-model='TFM']"));
        assertThat(tfm.findElements(By.tagName("td")).get(1).getText())
                .isEqualTo(number(counts.path("byModel").path("TFM").asLong()));

        // the reconciliation table: FWD.us's Florida figure matches, the other printing differs
        waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#reconciliation tr[data-claim='other-outlet-FL-agreements-2026-01-26']")));
        List<WebElement> conflicting = browser.findElements(
                By.cssSelector("#reconciliation tr[data-claim='other-outlet-FL-agreements-2026-01-26'] td"));
        assertThat(conflicting.get(5).getText()).isEqualTo("-18");
        assertThat(conflicting.get(6).getText()).isEqualTo("differs");
        // the demo imports no list of ICE's: nothing by printed name, no list in force, none matching; and the
        // explanation under the row is the API's
        JsonNode line = null;
        for (JsonNode candidate : http.getForObject("/api/reports/reconciliation", JsonNode.class).path("lines")) {
            if (candidate.path("claim").path("id").asText().equals("other-outlet-FL-agreements-2026-01-26")) {
                line = candidate;
            }
        }
        assertThat(line.path("publication").isNull()).isTrue();
        assertThat(conflicting.get(7).getText()).isEqualTo("–");
        assertThat(conflicting.get(8).getText()).isEqualTo("–");
        assertThat(conflicting.get(9).getText()).isEqualTo("none");
        assertThat(browser.findElement(By.cssSelector(
                "#reconciliation tr[data-explains='other-outlet-FL-agreements-2026-01-26']")).getText())
                .isEqualTo(line.path("explanation").asText()).containsIgnoringCase("no list of ICE's");

        // a state, then an agreement: its history, as the API tells it
        florida.click();
        WebElement firstAgreement = waiting().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#agreements tbody tr")));
        String agreementId = firstAgreement.getAttribute("data-agreement-id");
        assertThat(agreementId).startsWith("FL-");
        firstAgreement.click();
        waiting().until(ExpectedConditions.attributeToBe(By.id("history-card"), "data-agreement-id", agreementId));
        JsonNode history = http.getForObject("/api/agreements/{id}/history", JsonNode.class, agreementId);
        List<WebElement> rows = browser.findElements(By.cssSelector("#history tbody tr"));
        assertThat(rows).hasSize(history.size());
        assertThat(rows.get(0).getText()).contains("AgreementSigned").contains(history.get(0).path("knownOn").asText())
                .contains("synthetic");

        Path shot = Path.of("target", "report-page.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(shot).isNotEmptyFile();
    }
}
