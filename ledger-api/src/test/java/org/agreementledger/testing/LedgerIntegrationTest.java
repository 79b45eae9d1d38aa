package org.agreementledger.testing;

import org.junit.jupiter.api.extension.ExtendWith;
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

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        LedgerDatabaseExtension.TestDatabase database = LedgerDatabaseExtension.newDatabase();
        registry.add("ledger.db.url", database::url);
        registry.add("ledger.db.user", database::user);
        registry.add("ledger.db.password", database::password);
    }
}
