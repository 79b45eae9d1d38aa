package org.agreementledger.watching;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.agreementledger.importing.IceSheetFiles;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** {@code serve --watch}: the server checks ICE's page once it is ready, and says so on /api/watch and in health. */
@TestPropertySource(properties = {"ledger.test.ledger=watch-in-serve", "ledger.watch.enabled=true",
        "ledger.watch.every=1h", "ledger.watch.min-interval=0s"})
class WatchInServeTest extends LedgerIntegrationTest {

    static final String PAGE = "/identify-and-arrest/287g";
    static final String LIST = "/doclib/about/offices/ero/287g/participatingAgencies05162025am.xlsx";
    static final FakeIce ICE = start();

    @DynamicPropertySource
    static void watch(DynamicPropertyRegistry registry) throws IOException {
        Path archive = Files.createTempDirectory("watch-in-serve-");
        registry.add("ledger.watch.page", () -> ICE.base() + PAGE);
        registry.add("ledger.watch.manifest", () -> archive.resolve("MANIFEST.csv").toString());
    }

    @Autowired
    TestRestTemplate http;

    private static FakeIce start() {
        try {
            FakeIce ice = new FakeIce();
            ice.on(PAGE, FakeIce.html(FakeIce.icePage(LIST)));
            ice.on(LIST, FakeIce.file(IceSheetFiles.directory().resolve("participatingAgencies05162025am.xlsx"),
                    "Fri, 16 May 2025 13:02:11 GMT"));
            return ice;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        ICE.close();
    }

    @Test
    void theServerChecksIcesPageOnceReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode watch = http.getForObject("/api/watch", JsonNode.class);
        while (watch.get("last") == null && System.nanoTime() < deadline) {
            Thread.sleep(200);
            watch = http.getForObject("/api/watch", JsonNode.class);
        }
        assertThat(watch.at("/last/succeeded").asBoolean()).as(watch.toString()).isTrue();
        assertThat(watch.at("/last/findings/0/kind").asText()).isEqualTo("IMPORTED");
        assertThat(ICE.requestsFor(LIST)).isEqualTo(1);
        JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
        assertThat(health.at("/components/iceWatch/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/iceWatch/details/lastSuccess/summary").asText()).isEqualTo("ICE's page: 1 imported");
        assertThat(http.getForObject("/api/publications", String.class)).contains("participatingAgencies05162025am.xlsx");
    }
}
