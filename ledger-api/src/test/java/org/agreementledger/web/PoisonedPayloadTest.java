package org.agreementledger.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.AgreementId;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.Source;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.demo.app.LedgerSources;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A stored event PostgreSQL cannot cast to jsonb must not take the ledger's reads down. The event is
 * what an append of {@code "agencyName":"Sur\ud800 Office"} stored before the edge refused ill-formed
 * text: Jackson writes the lone surrogate as the escape {@code \uD800}, which Jackson reads back but
 * jsonb refuses. It is inserted here directly, as that append left it, into a ledger of its own (the
 * store is append-only: it would poison every test sharing the database), and every endpoint, JSON and
 * CSV, must still answer, with the event counted and its history readable.
 */
@TestPropertySource(properties = "ledger.test.ledger=poisoned")
class PoisonedPayloadTest extends LedgerIntegrationTest {

    private static final LocalDate SIGNED = LocalDate.of(2025, 1, 2);
    private static final String NAME = "Sur\ud800 Office";
    private static final String AGENCY = AgencyId.of(UsState.AL, NAME);
    private static final String POISONED = AgreementId.of(AGENCY, SupportModel.JEM, SIGNED);

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;
    @Autowired
    ReportProcessor processor;
    @Autowired
    LedgerSources sources;

    private String healthy;

    /** A healthy signing through the API, then the poisoned one stored beside it (once for the context). */
    @BeforeEach
    void poisonTheStore() {
        healthy = signed("Healthy Sheriff's Office");
        if (jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?", Long.class,
                POISONED) == 0) {
            AgreementSigned event = new AgreementSigned(POISONED, AGENCY, NAME, UsState.AL, null, "County",
                    SupportModel.JEM, SIGNED, null, SIGNED, SIGNED, Source.manual("Gazette", null), null);
            byte[] payload = serializer.serialize(event, byte[].class).getData();
            assertThat(new String(payload, StandardCharsets.UTF_8)).contains("\"agencyName\":\"Sur\\uD800 Office\"");
            jdbc.update("insert into domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type,"
                            + " timestamp, payloadtype, payloadrevision, payload, metadata) values (?, ?, 0, 'Agreement', ?,"
                            + " ?, null, ?, ?)", UUID.randomUUID().toString(), POISONED, Instant.now().toString(),
                    AgreementSigned.class.getName(), payload,
                    serializer.serialize(MetaData.emptyInstance(), byte[].class).getData());
        }
        // what every read path tripped on: the cast a read made of each payload fails on this one for good
        assertThatThrownBy(() -> jdbc.queryForList("select convert_from(payload, 'UTF8')::jsonb from domainevententry"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("json");
        processor.awaitCaughtUp(Duration.ofSeconds(30));
    }

    private String signed(String agencyName) {
        ResponseEntity<JsonNode> signed = post("/api/agreements", Map.of("state", "AL", "agencyName",
                agencyName + " " + UUID.randomUUID().toString().substring(0, 8), "model", "TFM", "signedOn", "2025-01-02",
                "knownOn", "2025-01-02", "source", Map.of("kind", "press", "title", "Gazette")));
        assertThat(signed.getStatusCode()).as(String.valueOf(signed.getBody())).isEqualTo(HttpStatus.CREATED);
        return signed.getBody().get("agreementId").asText();
    }

    private ResponseEntity<JsonNode> post(String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(ARCHIVIST_TOKEN);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private ResponseEntity<String> get(String uri, Object... variables) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(ARCHIVIST_TOKEN);
        return http.exchange(uri, HttpMethod.GET, new HttpEntity<>(headers), String.class, variables);
    }

    @Test
    void everyEndpointStillAnswersJsonAndCsv() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (String format : List.of("json", "csv")) {
            endpoints.put("/api/reports/counts?asOf=2025-06-01&format=" + format, format);
            endpoints.put("/api/reports/counts?asOf=2025-06-01&groupBy=agency-type&format=" + format, format);
            endpoints.put("/api/reports/timeline?from=2024-12-01&to=2025-03-01&step=month&format=" + format, format);
            endpoints.put("/api/agreements?asOf=2025-06-01&state=AL&format=" + format, format);
            endpoints.put("/api/reports/agreements?asOf=2025-06-01&format=" + format, format);
            endpoints.put("/api/reports/reconciliation?format=" + format, format);
        }
        endpoints.put("/api/agencies/" + healthy.substring(0, healthy.indexOf('#')), "json");
        endpoints.put("/api/ledger/digest", "json");
        endpoints.put("/api/ledger/verify", "json");
        endpoints.put("/api/status", "json");
        endpoints.put("/api/publications", "json");
        endpoints.put("/v3/api-docs", "json");
        endpoints.put("/", "html");
        endpoints.forEach((uri, format) -> {
            ResponseEntity<String> answer = get(uri);
            assertThat(answer.getStatusCode()).as(uri + ": " + answer.getBody()).isEqualTo(HttpStatus.OK);
            assertThat(answer.getBody()).as(uri).isNotBlank().doesNotContain(LedgerSources.NOTICE);
        });
        // stored behind the appending transaction's back, the poisoned signing is in no listing: not found, not failed
        assertThat(get("/api/agencies/" + AGENCY).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        for (String id : List.of(POISONED, healthy)) {
            ResponseEntity<String> history = get("/api/agreements/{id}/history", id);
            assertThat(history.getStatusCode()).as(id + ": " + history.getBody()).isEqualTo(HttpStatus.OK);
            assertThat(history.getBody()).contains("AgreementSigned");
        }

        // the poisoned agreement is counted like any other, and the chain over it is intact
        JsonNode counts = http.getForObject("/api/reports/counts?asOf=2025-06-01", JsonNode.class);
        assertThat(counts.path("byState").path("AL").path("agreements").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(get("/api/agreements?asOf=2025-06-01&state=AL&size=1000&format=csv").getBody())
                .contains(POISONED);
        assertThat(http.exchange("/api/ledger/verify", HttpMethod.GET, new HttpEntity<>(auditor()), JsonNode.class)
                .getBody().path("intact").asBoolean()).isTrue();

        // and appends go on being answered
        assertThat(signed("After Sheriff's Office")).startsWith("AL-after-sheriffs-office-");
    }

    @Test
    void theSyntheticCheckStillAnswersAndTheDemoStillRefusesThisLedger() {
        assertThat(sources.holdsSynthetic()).isFalse();
        // the poisoned event is a real one: a demo may not be loaded over it
        assertThat(sources.nonSynthetic()).isEqualTo(sources.events());
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where ledger_payload_json(payload) is null",
                Long.class)).isEqualTo(1);
    }

    private HttpHeaders auditor() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(ARCHIVIST_TOKEN);
        return headers;
    }
}
