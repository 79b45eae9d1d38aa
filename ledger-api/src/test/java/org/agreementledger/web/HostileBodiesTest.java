package org.agreementledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agreementledger.importing.TestWorkbooks;
import org.agreementledger.testing.EventStoreRows;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.UriUtils;

/**
 * Request bodies that are JSON yet say something other than they seem: text that is not Unicode
 * scalar values, a field given twice, a value of another JSON type, a source only the demo may claim,
 * a signing in effect before it was signed. Each is a 400 problem naming the field, and nothing is
 * appended. The bodies are sent as raw text, so the test says byte for byte what the ledger receives.
 * (Same context as {@link HostileInputTest}.)
 */
@TestPropertySource(properties = {"ledger.test.ledger=hostile", "ledger.imports.max-upload-size=1MB"})
class HostileBodiesTest extends LedgerIntegrationTest {

    private static final String SIGN = HostileInputTest.ENDPOINTS.get(0).body();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @LocalServerPort
    int port;
    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();
    private String agreementId;

    record Answer(int status, String contentType, String body) {
    }

    /** An agreement for the amendments to amend, so they fail only on what the test sends. */
    @BeforeEach
    void anAgreement() throws Exception {
        String agency = "Hostile Bodies " + UUID.randomUUID().toString().substring(0, 8) + " Sheriff's Office";
        Answer signed = post("/api/agreements", SIGN.replace("Hostile Sheriff's Office", agency));
        assertThat(signed.status()).as(signed.body()).isEqualTo(201);
        agreementId = json.readTree(signed.body()).get("agreementId").asText();
    }

    private Answer post(String path, String body) throws IOException, InterruptedException {
        return send(path, "application/json", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private Answer send(String path, String contentType, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + ARCHIVIST_TOKEN).header("Content-Type", contentType)
                .POST(body).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** A 400 problem naming {@code field}, nothing appended; the problem's detail. */
    private String refused(String field, String path, String body) throws IOException, InterruptedException {
        return refused(field, send(path, "application/json", HttpRequest.BodyPublishers.ofString(body,
                StandardCharsets.UTF_8)), body);
    }

    private String refused(String field, Answer answer, String what) throws IOException {
        assertThat(answer.status()).as(what + " -> " + answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.path("field").asText()).as(what + " -> " + answer.body()).isEqualTo(field);
        assertThat(problem.path("detail").asText()).as(what).startsWith(field + ": ");
        return problem.path("detail").asText();
    }

    /** Every POST endpoint's valid body, on the agreement of this test. */
    private Map<String, String> bodies() {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (HostileInputTest.Endpoint endpoint : HostileInputTest.ENDPOINTS) {
            if (endpoint.method().equals("POST") && endpoint.body().startsWith("{")) {
                String path = endpoint.path().replace("{agreementId}", UriUtils.encodePathSegment(agreementId,
                        StandardCharsets.UTF_8));
                bodies.put(path, endpoint.body());
            }
        }
        assertThat(bodies).hasSize(4);
        return bodies;
    }

    /** Each string value of a flat or nested body, as the dotted field the problem names. */
    private static List<Map.Entry<String, String>> stringFields(String body) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        Matcher nested = Pattern.compile("\"(\\w+)\":\\{([^}]*)}").matcher(body);
        String flat = body;
        while (nested.find()) {
            Matcher inner = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"").matcher(nested.group(2));
            while (inner.find()) {
                fields.add(Map.entry(nested.group(1) + "." + inner.group(1), inner.group(0)));
            }
            flat = flat.replace(nested.group(0), "");
        }
        Matcher top = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"").matcher(flat);
        while (top.find()) {
            fields.add(Map.entry(top.group(1), top.group(0)));
        }
        return fields;
    }

    @Test
    void theIssuesLoneSurrogateIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        long before = new EventStoreRows(jdbc).count();
        String detail = refused("agencyName", "/api/agreements", SIGN.replace("Hostile Sheriff's Office",
                "Sur\\ud800 Office"));
        assertThat(detail).isEqualTo("agencyName: is not well-formed text: an unpaired UTF-16 surrogate (U+D800) at"
                + " character 4; only Unicode scalar values are accepted");
        assertThat(new EventStoreRows(jdbc).count()).isEqualTo(before);
        // the ledger answers on: what a stored one made fail (PoisonedPayloadTest reads past one)
        assertThat(send("/api/agreements", "application/json", HttpRequest.BodyPublishers.ofString(
                SIGN.replace("Hostile Sheriff's Office", "After " + UUID.randomUUID() + " Office"))).status())
                .isEqualTo(201);
    }

    @Test
    void illFormedTextInAnyStringFieldOfAnyBodyIsRefusedNamingIt() throws Exception {
        long before = new EventStoreRows(jdbc).count();
        int cases = 0;
        for (Map.Entry<String, String> endpoint : bodies().entrySet()) {
            for (Map.Entry<String, String> field : stringFields(endpoint.getValue())) {
                for (String illFormed : List.of("\\ud800", "\\udfff", "\\ude93\\ud83d")) {
                    String value = field.getValue();
                    String spoilt = value.substring(0, value.length() - 1) + illFormed + "\"";
                    refused(field.getKey(), endpoint.getKey(), endpoint.getValue().replace(value, spoilt));
                    cases++;
                }
            }
        }
        assertThat(cases).as("fields spoilt").isGreaterThan(30);
        // bytes beyond U+10FFFF, which Jackson reads as two unpaired low surrogates
        byte[] beyond = SIGN.replace("Hostile", "Hostile \u0000").getBytes(StandardCharsets.UTF_8);
        int nul = new String(beyond, StandardCharsets.ISO_8859_1).indexOf('\u0000');
        byte[] spoilt = new byte[beyond.length + 3];
        System.arraycopy(beyond, 0, spoilt, 0, nul);
        System.arraycopy(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, spoilt, nul, 4);
        System.arraycopy(beyond, nul + 1, spoilt, nul + 4, beyond.length - nul - 1);
        refused("agencyName", send("/api/agreements", "application/json",
                HttpRequest.BodyPublishers.ofByteArray(spoilt)), "F4 90 80 80");
        // bytes that are not UTF-8 at all: the body is not JSON text
        byte[] latin1 = SIGN.replace("Hostile", "Caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(refused("body", send("/api/agreements", "application/json",
                HttpRequest.BodyPublishers.ofByteArray(latin1)), "ISO-8859-1")).contains("not well-formed UTF-8");
        assertThat(new EventStoreRows(jdbc).count()).isEqualTo(before);
    }

    @Test
    void aFieldGivenTwiceIsRefusedNamingIt() throws Exception {
        long before = new EventStoreRows(jdbc).count();
        // the issue's case: last wins would have signed in Texas
        assertThat(refused("state", "/api/agreements", SIGN.replace("\"state\":\"AL\"", "\"state\":\"AL\",\"state\":\"TX\"")))
                .isEqualTo("state: is given more than once; give each field once (the ledger refuses rather than keep"
                        + " one of the values)");
        refused("state", "/api/agreements", SIGN.replace("\"state\":\"AL\"", "\"state\":\"AL\",\"state\":\"AL\""));
        refused("source.title", "/api/agreements", SIGN.replace("\"title\":\"Gazette\"",
                "\"title\":\"Gazette\",\"title\":\"Other\""));
        for (Map.Entry<String, String> endpoint : bodies().entrySet()) {
            String body = endpoint.getValue();
            String first = body.substring(1, body.indexOf(',')); // "to":"TFM", "reason":"...", "field":"county"
            String name = first.substring(1, first.indexOf('"', 1));
            refused(name, endpoint.getKey(), "{" + first + "," + body.substring(1));
            refused("source", endpoint.getKey(), body.substring(0, body.length() - 1)
                    + ",\"source\":{\"title\":\"Again\"}}");
        }
        assertThat(new EventStoreRows(jdbc).count()).isEqualTo(before);
    }

    @Test
    void aValueOfAnotherJsonTypeIsRefusedNotConverted() throws Exception {
        long before = new EventStoreRows(jdbc).count();
        // the issue's case: the number would have made agency AL-12345
        assertThat(refused("agencyName", "/api/agreements", SIGN.replace("\"Hostile Sheriff's Office\"", "12345")))
                .isEqualTo("agencyName: has the wrong type or form; expected a JSON string");
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(SIGN.replace("\"Hostile Sheriff's Office\"", "12.5"), "agencyName");
        cases.put(SIGN.replace("\"Hostile Sheriff's Office\"", "true"), "agencyName");
        cases.put(SIGN.replace("\"2025-01-02\"", "20250102"), "signedOn");
        cases.put(SIGN.replace("\"AL\"", "1"), "state");
        cases.put(SIGN.replace("\"JEM\"", "false"), "model");
        cases.put(SIGN.replace("{\"title\":\"Gazette\"}", "{\"title\":\"Gazette\",\"sheetRow\":\"7\"}"), "source.sheetRow");
        cases.put(SIGN.replace("{\"title\":\"Gazette\"}", "{\"title\":\"Gazette\",\"sheetRow\":7.9}"), "source.sheetRow");
        cases.put(SIGN.replace("{\"title\":\"Gazette\"}", "{\"title\":\"Gazette\",\"sheetRow\":\"\"}"), "source.sheetRow");
        cases.put(SIGN.replace("{\"title\":\"Gazette\"}", "{\"title\":\"Gazette\",\"sheetRow\":true}"), "source.sheetRow");
        cases.put(SIGN.replace("{\"title\":\"Gazette\"}", "{\"title\":42}"), "source.title");
        cases.put(SIGN.replace("{\"title\":\"Gazette\"}", "{\"title\":\"Gazette\",\"kind\":7}"), "source.kind");
        cases.forEach((body, field) -> {
            try {
                refused(field, "/api/agreements", body);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        String amendment = "{\"to\":\"TFM\",\"effectiveOn\":\"2025-03-01\",\"source\":{\"title\":\"Gazette\"}";
        String path = "/api/agreements/" + UriUtils.encodePathSegment(agreementId, StandardCharsets.UTF_8)
                + "/model-changes";
        refused("expectedVersion", path, amendment + ",\"expectedVersion\":\"0\"}");
        refused("expectedVersion", path, amendment + ",\"expectedVersion\":0.0}");
        refused("to", path, amendment.replace("\"TFM\"", "3") + "}");
        assertThat(new EventStoreRows(jdbc).count()).isEqualTo(before);
        // a JSON integer is still an integer
        Answer accepted = post(path, amendment + ",\"expectedVersion\":0}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    }

    @Test
    void theSyntheticSourceKindIsRefusedOverTheApi() throws Exception {
        long before = new EventStoreRows(jdbc).count();
        for (String kind : List.of("synthetic", "SYNTHETIC", " Synthetic ")) {
            assertThat(refused("source.kind", "/api/agreements", SIGN.replace("{\"title\"",
                    "{\"kind\":\"" + kind + "\",\"title\"")))
                    .contains("is written only by the demo loader (bin/ledger demo) into a ledger of its own");
            for (Map.Entry<String, String> endpoint : bodies().entrySet()) {
                refused("source.kind", endpoint.getKey(), endpoint.getValue().replace("{\"title\"",
                        "{\"kind\":\"" + kind + "\",\"title\""));
            }
        }
        assertThat(new EventStoreRows(jdbc).count()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where ledger_payload_json(payload)"
                + " -> 'source' ->> 'kind' = 'SYNTHETIC'", Long.class)).isZero();
    }

    @Test
    void aSigningInEffectBeforeItWasSignedIsRefusedNamingEffectiveOn() throws Exception {
        long before = new EventStoreRows(jdbc).count();
        // the issue's case
        assertThat(refused("effectiveOn", "/api/agreements", SIGN.replace("\"signedOn\":\"2025-01-02\"",
                "\"signedOn\":\"2025-01-02\",\"effectiveOn\":\"2024-01-01\"")))
                .isEqualTo("effectiveOn: 2024-01-01 is before signedOn 2025-01-02; a signing takes effect on or after"
                        + " the day it was signed");
        refused("effectiveOn", "/api/agreements", SIGN.replace("\"signedOn\":\"2025-01-02\"",
                "\"signedOn\":\"2025-01-02\",\"effectiveOn\":\"2025-01-01\""));
        assertThat(new EventStoreRows(jdbc).count()).isEqualTo(before);
        // on the day it was signed, or later, it is accepted
        for (String effective : List.of("2025-01-02", "2025-02-01")) {
            Answer signed = post("/api/agreements", SIGN.replace("Hostile", "Hostile " + UUID.randomUUID())
                    .replace("\"signedOn\":\"2025-01-02\"", "\"signedOn\":\"2025-01-02\",\"effectiveOn\":\"" + effective + "\""));
            assertThat(signed.status()).as(signed.body()).isEqualTo(201);
        }
    }

    @Test
    void aSheetCellSpellingALoneSurrogateIsRefusedOverHttpAndNothingIsStored() throws Exception {
        long before = new EventStoreRows(jdbc).count();
        long publications = jdbc.queryForObject("select count(*) from imported_publication", Long.class);
        Path sheet = TestWorkbooks.write(dir.resolve("small.xlsx"), List.of(TestWorkbooks.HEADER,
                List.of("OHIO", "Butler County Sheriff's Office", "County", "Butler County", "Task Force Model", 45785,
                        "link")));
        Path hostile = TestWorkbooks.rewritePart(sheet, dir.resolve("participatingAgencies06062025am.xlsx"),
                "xl/sharedStrings.xml", xml -> xml.replace("Butler County Sheriff's Office", "Sur_xD800_ Office"));
        Answer answer = send("/api/imports?fileName=participatingAgencies06062025am.xlsx", "application/octet-stream",
                HttpRequest.BodyPublishers.ofFile(hostile));
        assertThat(refused("file", answer, "an xlsx with _xD800_")).startsWith("file: row 2, column B: the cell is not"
                + " well-formed text");
        assertThat(new EventStoreRows(jdbc).count()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from imported_publication", Long.class)).isEqualTo(publications);
    }
}
