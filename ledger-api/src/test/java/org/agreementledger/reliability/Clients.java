package org.agreementledger.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.AgreementId;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;

/** HTTP clients of the ledger, on loopback: signings with ids known before they are sent. */
final class Clients {

    static final LocalDate SIGNED_ON = LocalDate.of(2025, 1, 2);
    static final LocalDate KNOWN_ON = LocalDate.of(2025, 5, 16);
    static final LocalDate AS_OF = LocalDate.of(2025, 6, 1);

    private Clients() {
    }

    static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    static String agencyName(String prefix, int i) {
        return prefix + " Agency " + i;
    }

    /** The id the ledger gives the i-th signing: computed here, so an unanswered request still has one. */
    static String agreementId(String prefix, int i) {
        return AgreementId.of(AgencyId.of(UsState.TX, agencyName(prefix, i)), SupportModel.JEM, SIGNED_ON);
    }

    /** Sends the i-th signing; returns the HTTP status. Throws IOException when no answer came. */
    static int sign(HttpClient client, URI agreements, String prefix, int i) throws IOException, InterruptedException {
        String body = """
                {"state":"TX","agencyName":"%s","county":"Travis","agencyType":"County","model":"JEM",
                 "signedOn":"%s","knownOn":"%s","source":{"kind":"press","title":"Reliability Gazette"}}
                """.formatted(agencyName(prefix, i), SIGNED_ON, KNOWN_ON);
        HttpRequest request = HttpRequest.newBuilder(agreements).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + LedgerServer.ARCHIVIST_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The number of agreements in force on {@link #AS_OF} that a report at {@code base} answers. */
    /** Waits until {@code server}'s reports count {@code expected} agreements as of {@link #AS_OF}. */
    static void awaitCountedAgreements(LedgerServer server, long expected, Duration within) throws Exception {
        HttpClient client = http();
        URI counts = server.uri("/api/reports/counts?asOf=" + AS_OF);
        Instant deadline = Instant.now().plus(within);
        long counted = -1;
        while (Instant.now().isBefore(deadline)) {
            counted = countedAgreements(client, counts);
            if (counted == expected) {
                return;
            }
            CrashablePostgres.pause(Duration.ofMillis(100));
        }
        throw new AssertionError("instance on port " + server.port() + " reports " + counted + " agreements, expected "
                + expected);
    }

    static long countedAgreements(HttpClient client, URI counts) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(counts).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("counts answered " + response.statusCode() + ": " + response.body());
        }
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"agreements\"\\s*:\\s*(\\d+)")
                .matcher(response.body());
        if (!matcher.find()) {
            throw new IOException("no agreements in " + response.body());
        }
        return Long.parseLong(matcher.group(1));
    }
}
