package org.agreementledger.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * A served ledger with no token and none configured makes one archivist token on its first start,
 * writes it to a new file only its owner can read, and it works.
 */
@TestPropertySource(properties = {"ledger.test.ledger=first-token", "ledger.security.archivist-token="})
class FirstTokenTest extends LedgerIntegrationTest {

    static Path file;

    @DynamicPropertySource
    static void tokenFile(DynamicPropertyRegistry registry) throws IOException {
        file = Files.createTempDirectory("ledger-first-token-").resolve("archivist-token");
        registry.add("ledger.security.first-token-file", () -> file.toString());
    }

    @AfterAll
    static void removeTheTokenFile() throws IOException {
        FileSystemUtils.deleteRecursively(file.getParent());
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    ApiTokens tokens;
    @Autowired
    FirstArchivistToken firstToken;

    @Test
    void theFirstStartWritesAnArchivistTokenReadableOnlyByItsOwner() throws IOException {
        assertThat(file).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String token = Files.readString(file).strip();
        assertThat(tokens.authenticate(token)).contains(Role.ARCHIVIST);
        assertThat(tokens.list()).singleElement().extracting(ApiToken::role).isEqualTo(Role.ARCHIVIST);

        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        assertThat(http.exchange("/api/ledger/verify", HttpMethod.GET, new HttpEntity<>(headers), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        // a later start (simulated) neither makes another token nor touches the file
        firstToken.createOnFirstStart();
        assertThat(tokens.list()).hasSize(1);
        assertThat(Files.readString(file).strip()).isEqualTo(token);
    }
}
