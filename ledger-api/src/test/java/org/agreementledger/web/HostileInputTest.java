package org.agreementledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.agreementledger.importing.TestWorkbooks;
import org.agreementledger.testing.EventStoreRows;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.UriUtils;

/**
 * Hostile input on every entry point: SQL meta-characters, NUL, huge strings in every path
 * variable and query parameter; malformed and out-of-range dates; unknown, missing and wrongly
 * typed JSON; oversized, zip-bombed and XXE uploads. Each answer is a 4xx problem document naming
 * the problem (or, for URLs beyond Tomcat's limit, Tomcat's own clean 400) and no event is left
 * behind. To put a new endpoint under test, add one line to {@link #ENDPOINTS}.
 */
@TestPropertySource(properties = {"ledger.test.ledger=hostile", "ledger.imports.max-upload-size=1MB"})
class HostileInputTest extends LedgerIntegrationTest {

    /** An entry point: method, path template with {variables}, its query parameters, a body otherwise valid. */
    record Endpoint(String method, String path, List<String> parameters, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final String SOURCE = "\"source\":{\"title\":\"Gazette\"}";

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/agreements", List.of(), "{\"state\":\"AL\",\"agencyName\":\"Hostile Sheriff's"
                    + " Office\",\"model\":\"JEM\",\"signedOn\":\"2025-01-02\",\"knownOn\":\"2025-05-16\"," + SOURCE + "}"),
            new Endpoint("POST", "/api/agreements/{agreementId}/model-changes", List.of(),
                    "{\"to\":\"TFM\",\"effectiveOn\":\"2025-03-01\"," + SOURCE + "}"),
            new Endpoint("POST", "/api/agreements/{agreementId}/withdrawals", List.of(),
                    "{\"reason\":\"terminated-by-ice\",\"effectiveOn\":\"2025-03-01\"," + SOURCE + "}"),
            new Endpoint("POST", "/api/agreements/{agreementId}/corrections", List.of(),
                    "{\"field\":\"county\",\"oldValue\":\"Colbert\",\"newValue\":\"Franklin\"," + SOURCE + "}"),
            new Endpoint("GET", "/api/agreements/{agreementId}/history", List.of(), null),
            new Endpoint("POST", "/api/imports", List.of("fileName", "publishedOn"), "not a workbook"),
            new Endpoint("GET", "/api/ledger/verify", List.of("digest"), null),
            new Endpoint("GET", "/api/ledger/digest", List.of(), null),
            new Endpoint("GET", "/api/reports/counts", List.of("asOf", "knownAt", "groupBy"), null),
            new Endpoint("GET", "/api/reports/timeline", List.of("from", "to", "step", "knownAt"), null),
            new Endpoint("GET", "/api/reports/agreements", List.of("asOf", "knownAt", "state", "model", "page", "size"),
                    null),
            new Endpoint("GET", "/api/agreements", List.of("asOf", "knownAt", "state", "model", "page", "size",
                    "format"), null),
            new Endpoint("GET", "/api/agencies/{agencyId}", List.of(), null),
            new Endpoint("GET", "/api/reports/reconciliation", List.of("knownAt"), null),
            new Endpoint("GET", "/api/publications", List.of(), null), // takes no input either
            new Endpoint("GET", "/api/watch", List.of(), null), // takes no input either
            new Endpoint("GET", "/api/status", List.of(), null)); // takes no input: listed so none is forgotten

    /** Tomcat's default limit on the request line and headers (server.max-http-request-header-size). */
    private static final int TOMCAT_HEADER_LIMIT = 8 * 1024;

    static final List<String> HOSTILE = List.of(
            "' OR '1'='1'; drop table domainevententry; --",
            "\"; select pg_sleep(10); --",
            "%' union select secret_hash from api_token --",
            "Robert'); DROP TABLE api_token;--",
            "\\x00\\' \\\" `id` $(id) ${jndi:ldap://x}",
            "nul\u0000byte",
            "'".repeat(4_000),
            "x".repeat(100_000),
            "é".repeat(50_000));

    static final List<String> BAD_DATES = List.of("2025-02-30", "2025-13-01", "0000-00-00", "2025-1-1", "+99999-01-01",
            "-0001-01-01", "1996-09-29", "2999-01-01", "01/02/2025", "2025-01-02T00:00:00Z", "");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @LocalServerPort
    int port;
    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    record Answer(int status, String contentType, String body) {
    }

    private Answer send(String method, String pathAndQuery, String contentType, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Authorization", "Bearer " + ARCHIVIST_TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private Answer send(Endpoint endpoint, String pathAndQuery) throws IOException, InterruptedException {
        String type = endpoint.path().equals("/api/imports") ? "application/octet-stream" : "application/json";
        return send(endpoint.method(), pathAndQuery, endpoint.body() == null ? null : type,
                endpoint.body() == null ? null : HttpRequest.BodyPublishers.ofString(endpoint.body()));
    }

    /** Refused with a 4xx, as a problem document if it reached the application, and nothing appended. */
    private JsonNode refused(Answer answer, String what, int urlLength, long eventsBefore) throws IOException {
        assertThat(answer.status()).as(what + ": " + abbreviate(answer.body())).isBetween(400, 499);
        assertThat(new EventStoreRows(jdbc).count()).as("events after " + what).isEqualTo(eventsBefore);
        if (urlLength > TOMCAT_HEADER_LIMIT) {
            // Tomcat refuses the request line before any servlet: a 400, answered by ProblemErrorReportValve
            assertThat(answer.status()).as(what).isEqualTo(400);
            assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
            return null;
        }
        assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(answer.status());
        assertThat(problem.hasNonNull("detail")).as(what).isTrue();
        return problem;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    static Stream<Arguments> everyInputOfEveryEndpoint() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            List<String> inputs = new ArrayList<>();
            java.util.regex.Matcher variables = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(endpoint.path());
            while (variables.find()) {
                inputs.add("{" + variables.group(1) + "}");
            }
            inputs.addAll(endpoint.parameters());
            for (String input : inputs) {
                for (int i = 0; i < HOSTILE.size(); i++) {
                    cases.add(Arguments.of(endpoint, input, i));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with hostile {1} #{2}")
    @MethodSource("everyInputOfEveryEndpoint")
    void hostileValuesInPathsAndParametersAreRefusedCleanly(Endpoint endpoint, String input, int hostile)
            throws Exception {
        String value = HOSTILE.get(hostile);
        String path = endpoint.path();
        Map<String, String> query = new LinkedHashMap<>();
        if (input.startsWith("{")) {
            path = path.replace(input, UriUtils.encodePathSegment(value, StandardCharsets.UTF_8));
        } else {
            query.put(input, value);
        }
        path = path.replaceAll("\\{\\w+}", UriUtils.encodePathSegment("AL-x#JEM#2025-01-02", StandardCharsets.UTF_8));
        StringBuilder url = new StringBuilder(path);
        query.forEach((name, v) -> url.append(url.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                .append(UriUtils.encodeQueryParam(v, StandardCharsets.UTF_8)));
        long before = new EventStoreRows(jdbc).count();

        Answer answer = send(endpoint, url.toString());

        refused(answer, endpoint + " " + input + "=" + abbreviate(value), url.length(), before);
        assertThat(jdbc.queryForObject("select count(*) from api_token", Long.class)).isNotNull(); // still there
    }

    @Test
    void malformedAndOutOfRangeDatesAreRefusedNamingTheField() throws Exception {
        long before = new EventStoreRows(jdbc).count();
        for (String date : BAD_DATES) {
            for (String field : List.of("signedOn", "knownOn", "effectiveOn")) {
                Map<String, Object> body = new HashMap<>(json.readValue(ENDPOINTS.get(0).body(), Map.class));
                body.put(field, date);
                if (date.isEmpty() && !field.equals("signedOn")) {
                    continue; // an empty optional date is absent, not wrong
                }
                Answer answer = send("POST", "/api/agreements", "application/json",
                        HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
                JsonNode problem = refused(answer, field + "=" + date, 0, before);
                assertThat(problem.get("field").asText()).as(field + "=" + date).isEqualTo(field);
            }
            if (!date.isEmpty()) {
                Answer upload = send("POST", "/api/imports?publishedOn=" + UriUtils.encodeQueryParam(date,
                        StandardCharsets.UTF_8), "application/octet-stream", HttpRequest.BodyPublishers.ofString("x"));
                assertThat(refused(upload, "publishedOn=" + date, 0, before).get("field").asText())
                        .as("publishedOn=" + date).isIn("publishedOn", "file");
            }
        }
    }

    @Test
    void negativeZeroAndHugePageSizesAreRefusedNamingTheParameter() throws Exception {
        long before = new EventStoreRows(jdbc).count();
        for (String query : List.of("size=-1", "size=0", "size=1000000", "size=999999999", "size=99999999999999999999",
                "size=1e3", "page=-1", "page=99999999999", "page=1.5")) {
            Answer answer = send("GET", "/api/reports/agreements?asOf=2025-06-01&" + query, null, null);
            assertThat(refused(answer, query, 0, before).get("field").asText()).as(query)
                    .isEqualTo(query.substring(0, query.indexOf('=')));
        }
        assertThat(send("GET", "/api/reports/agreements?asOf=2025-06-01&page=999999999&size=1", null, null).status())
                .as("a page past the end is empty, not an error").isEqualTo(200);
        for (String date : BAD_DATES) {
            Answer answer = send("GET", "/api/reports/counts?asOf=" + UriUtils.encodeQueryParam(date,
                    StandardCharsets.UTF_8), null, null);
            if (date.equals("1996-09-29") || date.equals("2999-01-01")) {
                assertThat(answer.status()).as(date).isBetween(200, 499); // a date outside the ledger's span is a question, not an attack
                continue;
            }
            assertThat(refused(answer, "asOf=" + date, 0, before).get("field").asText()).as(date).isEqualTo("asOf");
        }
    }

    @Test
    void unknownMissingAndWronglyTypedJsonIsRefusedNamingTheField() throws Exception {
        long before = new EventStoreRows(jdbc).count();
        String sign = ENDPOINTS.get(0).body();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(sign.replace("{\"state\"", "{\"admin\":true,\"state\""), "admin");
        cases.put(sign.replace("\"state\":\"AL\",", ""), "state");
        cases.put(sign.replace("\"model\":\"JEM\",", ""), "model");
        cases.put(sign.replace("," + SOURCE, ""), "source");
        cases.put(sign.replace("\"source\":{\"title\":\"Gazette\"}", "\"source\":{\"title\":\"G\",\"sheetRow\":\"seven\"}"),
                "source.sheetRow");
        cases.put(sign.replace("\"source\":{\"title\":\"Gazette\"}", "\"source\":{\"title\":\"G\",\"sheetRow\":1e99}"),
                "source.sheetRow");
        cases.put(sign.replace("\"source\":{", "\"source\":{\"kind\":[\"press\"],"), "source.kind");
        cases.put(sign.replace("\"state\":\"AL\"", "\"state\":{\"$ne\":null}"), "state");
        cases.put("[" + sign + "]", "body");
        cases.put("", "body");
        cases.put("null", "body");
        cases.put(sign.substring(0, sign.length() - 1), "body");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Answer answer = send("POST", "/api/agreements", "application/json",
                    HttpRequest.BodyPublishers.ofString(bad.getKey()));
            assertThat(refused(answer, bad.getKey(), 0, before).get("field").asText()).as(bad.getKey())
                    .isEqualTo(bad.getValue());
        }
        String expectedVersion = "{\"to\":\"TFM\",\"effectiveOn\":\"2025-03-01\",\"expectedVersion\":\"latest\"," + SOURCE + "}";
        Answer answer = send("POST", "/api/agreements/AL-x%23JEM%232025-01-02/model-changes", "application/json",
                HttpRequest.BodyPublishers.ofString(expectedVersion));
        assertThat(refused(answer, "expectedVersion", 0, before).get("field").asText()).isEqualTo("expectedVersion");
        Answer notJson = send("POST", "/api/agreements", "text/plain", HttpRequest.BodyPublishers.ofString("hello"));
        assertThat(refused(notJson, "text/plain", 0, before).get("status").asInt()).isEqualTo(415);
    }

    @Test
    void anUploadOverTheLimitIsRefusedBeforeItIsReadWhole() throws Exception {
        long before = new EventStoreRows(jdbc).count();
        // with a Content-Length: refused on the header
        Answer declared = send("POST", "/api/imports?publishedOn=2025-06-06", "application/octet-stream",
                HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024]));
        assertThat(refused(declared, "2 MB declared", 0, before).get("field").asText()).isEqualTo("file");
        assertThat(declared.status()).isEqualTo(413);
        // chunked, no length: refused once the limit is crossed; the rest is never read
        CountingStream endless = new CountingStream(64 * 1024 * 1024);
        try {
            Answer chunked = send("POST", "/api/imports?publishedOn=2025-06-06", "application/octet-stream",
                    HttpRequest.BodyPublishers.ofInputStream(() -> endless));
            assertThat(chunked.status()).isEqualTo(413);
        } catch (IOException closedWhileSending) {
            // Tomcat answered 413 and closed the connection while the client was still sending: also refused
        }
        assertThat(new EventStoreRows(jdbc).count()).isEqualTo(before);
        assertThat(endless.served).as("bytes the client got to send of 64 MB").isLessThan(32L * 1024 * 1024);
    }

    @Test
    void zipBombsAndExternalEntitiesAreRefusedOverHttp() throws Exception {
        long before = new EventStoreRows(jdbc).count();
        Path small = TestWorkbooks.write(dir.resolve("small.xlsx"), List.of(TestWorkbooks.HEADER));
        Path bomb = TestWorkbooks.rewritePart(small, dir.resolve("bomb.xlsx"), "xl/worksheets/sheet1.xml",
                xml -> xml.replace("<sheetData>", "<sheetData>" + " ".repeat(40_000_000)));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        Path xxe = TestWorkbooks.rewritePart(small, dir.resolve("xxe.xlsx"), "xl/worksheets/sheet1.xml",
                xml -> xml.replaceFirst("\\?>", "?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>")
                        .replace("</sheetData>", "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData>"));
        for (Path hostile : List.of(bomb, xxe)) {
            Answer answer = send("POST", "/api/imports?publishedOn=2025-06-06", "application/octet-stream",
                    HttpRequest.BodyPublishers.ofFile(hostile));
            JsonNode problem = refused(answer, hostile.getFileName().toString(), 0, before);
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("field").asText()).isEqualTo("file");
            assertThat(answer.body()).doesNotContain("TOP-SECRET");
        }
    }

    /** Every operation the OpenAPI document describes is an entry point here, so none is forgotten. */
    @Test
    void everyDocumentedOperationIsUnderTest() throws Exception {
        Answer document = send("GET", "/v3/api-docs", null, null);
        java.util.Set<String> documented = new java.util.TreeSet<>();
        json.readTree(document.body()).path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " "
                        + path.getKey())));
        assertThat(documented).hasSizeGreaterThanOrEqualTo(16);
        assertThat(ENDPOINTS.stream().map(Endpoint::toString).toList()).containsAll(documented);
    }

    /**
     * The digest is public, so anyone can send it a token: a hostile one (SQL in its id or secret, a
     * 4 kB one) is looked up like any other and leaves the request anonymous. The public read still
     * answers, the auditor's verify refuses it as a 401 problem, and nothing is appended.
     */
    @Test
    void hostileTokensOnThePublicDigestLeaveTheRequestAnonymous() throws Exception {
        List<String> tokens = new ArrayList<>(HOSTILE.subList(0, 5));
        tokens.add("abcdefabcdef." + HOSTILE.get(0));
        tokens.add(HOSTILE.get(3) + "." + HOSTILE.get(1));
        tokens.add(HOSTILE.get(6));
        long before = new EventStoreRows(jdbc).count();
        for (String token : tokens) {
            for (String path : new String[] {"/api/ledger/digest", "/api/ledger/verify"}) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token)
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                String what = path + " with token " + abbreviate(token);
                if (path.endsWith("digest")) {
                    assertThat(response.statusCode()).as(what).isEqualTo(200);
                    assertThat(json.readTree(response.body()).path("digest").asText()).as(what)
                            .matches("[0-9a-f]{64}@\\d+");
                } else {
                    assertThat(response.statusCode()).as(what).isEqualTo(401);
                    assertThat(response.headers().firstValue("Content-Type").orElse(""))
                            .startsWith("application/problem+json");
                    assertThat(json.readTree(response.body()).path("field").asText()).isEqualTo("Authorization");
                }
            }
        }
        assertThat(new EventStoreRows(jdbc).count()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from api_token", Long.class)).isNotNull(); // still there
    }

    @Test
    void aHugeAuthorizationHeaderIsAClean4xx() throws Exception {
        long before = new EventStoreRows(jdbc).count();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/agreements"))
                .header("Authorization", "Bearer " + "x".repeat(100_000)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ENDPOINTS.get(0).body())).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new EventStoreRows(jdbc).count()).isEqualTo(before);
    }

    /** Zeros, counted as the client reads them, so the test knows how much was sent. */
    static final class CountingStream extends InputStream {
        private final long size;
        volatile long served;

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return served < size ? (int) (0 * served++) : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (served >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - served);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
            served += n;
            return n;
        }
    }
}
