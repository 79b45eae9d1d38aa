package org.agreementledger.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that run the whole application against a real PostgreSQL. Subclasses share one
 * application context and one database (Spring caches the context), so each test makes its own
 * agreements and compares counts before and after rather than assuming an empty store.
 */
@ExtendWith(LedgerDatabaseExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.security.archivist-token=" + LedgerIntegrationTest.ARCHIVIST_TOKEN,
        // at JVM exit the test PostgreSQL may stop before the cached contexts close: fail fast, not in 30 s
        "ledger.db.connection-timeout=3s"})
public abstract class LedgerIntegrationTest {

    public static final String ARCHIVIST_TOKEN = "test-archivist-token";

    /** A TFM signing in Davidson County, TN, posted as an archivist: the HTTP append, as a client sees its answer. */
    protected static ResponseEntity<JsonNode> signOverHttp(TestRestTemplate http, String agencyName) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(ARCHIVIST_TOKEN);
        Map<String, Object> body = Map.of("state", "TN", "agencyName", agencyName, "county", "Davidson",
                "agencyType", "County", "model", "TFM", "signedOn", "2025-01-02", "knownOn", "2025-05-16",
                "source", Map.of("kind", "press", "title", "Test Gazette"));
        return http.exchange("/api/agreements", HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        LedgerDatabaseExtension.TestDatabase database = LedgerDatabaseExtension.newDatabase();
        registry.add("ledger.db.url", database::url);
        registry.add("ledger.db.user", database::user);
        registry.add("ledger.db.password", database::password);
    }
}
