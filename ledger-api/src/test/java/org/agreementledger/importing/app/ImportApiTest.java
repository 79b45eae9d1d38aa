package org.agreementledger.importing.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.agreementledger.importing.IceSheetFiles;
import org.agreementledger.importing.TestWorkbooks;
import org.agreementledger.testing.EventStoreRows;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;

/** {@code POST /api/imports}: the archivist's token, the report as the answer, and every bad file refused whole. */
@TestPropertySource(properties = {"ledger.test.ledger=import-api", "ledger.imports.max-upload-size=2MB"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportApiTest extends LedgerIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path dir;

    private ResponseEntity<JsonNode> upload(byte[] body, String query, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange("/api/imports" + query, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode refused(HttpStatus status, String field, byte[] body, String query) {
        long before = new EventStoreRows(jdbc).count();
        ResponseEntity<JsonNode> response = upload(body, query, ARCHIVIST_TOKEN);
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getBody().get("field").asText()).isEqualTo(field);
        assertThat(new EventStoreRows(jdbc).count()).as("events after a refused import").isEqualTo(before);
        return response.getBody();
    }

    @Test
    @Order(1)
    void theBodyNamedByFileNameIsImportedAndAnsweredWithItsReport() {
        Path file = IceSheetFiles.named("participatingAgencies05162025am.xlsx");
        ResponseEntity<JsonNode> response = upload(bytes(file), "?fileName=participatingAgencies05162025am.xlsx",
                ARCHIVIST_TOKEN);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode report = response.getBody();
        assertThat(report.get("outcome").asText()).isEqualTo("imported");
        assertThat(report.get("publishedOn").asText()).isEqualTo("2025-05-16");
        assertThat(report.get("agreementsListed").asInt()).isEqualTo(571);
        assertThat(report.get("eventsByKind").get("AgreementSigned").asInt()).isEqualTo(571);
        assertThat(report.get("sha256").asText()).isEqualTo(IceSheetFiles.PUBLISHED_SHA256.get(file.getFileName().toString()));
        assertThat(report.get("repaired").get(0).get("raw").asText()).isEqualTo("05/082025");

        ResponseEntity<JsonNode> again = upload(bytes(file), "?publishedOn=2025-05-16", ARCHIVIST_TOKEN);
        assertThat(again.getBody().get("outcome").asText()).isEqualTo("already imported");
    }

    @Test
    @Order(2)
    void aMultipartFileIsImportedToo() {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new FileSystemResource(IceSheetFiles.named("participatingAgencies05192025am.xlsx")));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setBearerAuth(ARCHIVIST_TOKEN);
        ResponseEntity<JsonNode> response = http.exchange("/api/imports", HttpMethod.POST,
                new HttpEntity<>(form, headers), JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("agreementsListed").asInt()).isEqualTo(581);
    }

    @Test
    @Order(3)
    void importsNeedTheArchivistsToken() {
        long before = new EventStoreRows(jdbc).count();
        byte[] body = bytes(IceSheetFiles.named("participatingAgencies05192025pm.xlsx"));
        assertThat(upload(body, "?fileName=participatingAgencies05192025pm.xlsx", null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(upload(body, "?fileName=participatingAgencies05192025pm.xlsx", "guess").getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(new EventStoreRows(jdbc).count()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void badFilesAreRefusedWithTheProblemNamed() {
        refused(HttpStatus.BAD_REQUEST, "file", new byte[0], "?publishedOn=2025-06-06");
        refused(HttpStatus.BAD_REQUEST, "file", "STATE,AGENCY\nnot,a workbook".getBytes(), "?fileName=x06062025am.xlsx");
        Path noSigned = TestWorkbooks.write(dir.resolve("participatingAgencies06062025am.xlsx"), List.of(
                List.of("STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE", "MOA"),
                List.of("OHIO", "Butler County Sheriff's Office", "County", "Butler", "Task Force Model", "link")));
        // without SIGNED nothing the list says can be dated: recorded, held for review, nothing applied
        ResponseEntity<JsonNode> held = upload(bytes(noSigned), "?fileName=participatingAgencies06062025am.xlsx",
                ARCHIVIST_TOKEN);
        assertThat(held.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(held.getBody().get("outcome").asText()).isEqualTo("held");
        assertThat(held.getBody().get("reason").asText()).contains("no SIGNED column").contains("required column missing");
        Path small = TestWorkbooks.write(dir.resolve("small.xlsx"), List.of(TestWorkbooks.HEADER));
        Path bomb = TestWorkbooks.rewritePart(small, dir.resolve("bomb.xlsx"), "xl/worksheets/sheet1.xml",
                xml -> xml.replace("<sheetData>", "<sheetData>" + " ".repeat(40_000_000)));
        assertThat(refused(HttpStatus.BAD_REQUEST, "file", bytes(bomb), "?publishedOn=2025-06-06").get("detail").asText())
                .contains("zip bomb");
        refused(HttpStatus.BAD_REQUEST, "publishedOn", bytes(IceSheetFiles.named("participatingAgencies05192025pm.xlsx")),
                "");
        refused(HttpStatus.BAD_REQUEST, "publishedOn", bytes(IceSheetFiles.named("participatingAgencies05192025pm.xlsx")),
                "?publishedOn=19-05-2025");
    }

    @Test
    @Order(5)
    void anUploadOverTheLimitIsRefusedBeforeItIsRead() {
        refused(HttpStatus.PAYLOAD_TOO_LARGE, "file", new byte[3 * 1024 * 1024], "?publishedOn=2025-06-06");
    }

    @Test
    @Order(6)
    void anOlderPublicationAfterANewerOneIsRefused() {
        JsonNode problem = refused(HttpStatus.BAD_REQUEST, "publishedOn",
                bytes(IceSheetFiles.named("participatingAgencies05192025pm.xlsx")), "?publishedOn=2025-05-01");
        assertThat(problem.get("detail").asText()).contains("before 2025-05-19");
    }
}
