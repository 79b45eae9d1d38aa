package org.agreementledger.importing.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agreementledger.importing.IceSheetFiles;
import org.agreementledger.importing.Publication;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * Acknowledged means visible: each of ICE's participating lists, imported over HTTP oldest first,
 * and in the very next request the counts on its date as known on its date, which must be exactly
 * what it lists (figures read straight from the workbook). The report processor is slowed down here
 * (each of its batches waits {@link #SLOW_BATCH} before it is handled, as on a loaded machine), so
 * an import answered before the reports took it in fails this at once rather than now and then.
 */
@TestPropertySource(properties = "ledger.test.ledger=visible-imports") // a database of its own
class ImportVisibleAtOnceTest extends LedgerIntegrationTest {

    static final Duration SLOW_BATCH = Duration.ofMillis(400);

    @TestConfiguration
    static class SlowReports {

        /** Once per batch (its root unit of work), before the batch's events are handled. */
        @Bean
        ConfigurerModule slowReportBatches() {
            MessageHandlerInterceptor<org.axonframework.eventhandling.EventMessage<?>> slow = (unitOfWork, chain) -> {
                unitOfWork.root().getOrComputeResource(SlowReports.class.getName(), key -> {
                    try {
                        Thread.sleep(SLOW_BATCH.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Boolean.TRUE;
                });
                return chain.proceed();
            };
            return configurer -> configurer.eventProcessing()
                    .registerHandlerInterceptor(ReportProcessor.NAME, configuration -> slow);
        }
    }

    @Autowired
    TestRestTemplate http;

    private record Listed(long agreements, long agencies, Map<String, Integer> byModel, Map<String, Integer> byState,
                          Map<String, Integer> agenciesByState) {

        static Listed of(WorkbookFigures figures) {
            return new Listed(figures.agreements(), figures.agencies(), figures.byModel(), figures.byState(),
                    figures.agenciesByState());
        }

        static Listed of(JsonNode counts) {
            Map<String, Integer> byModel = new TreeMap<>();
            counts.path("byModel").fields().forEachRemaining(model -> {
                if (model.getValue().asInt() > 0) { // the API lists every model, zero included; a sheet only those it has
                    byModel.put(model.getKey(), model.getValue().asInt());
                }
            });
            Map<String, Integer> byState = new TreeMap<>();
            Map<String, Integer> agenciesByState = new TreeMap<>();
            counts.path("byState").fields().forEachRemaining(state -> {
                byState.put(state.getKey(), state.getValue().path("agreements").asInt());
                agenciesByState.put(state.getKey(), state.getValue().path("agencies").asInt());
            });
            return new Listed(counts.path("agreements").asLong(), counts.path("agencies").asLong(), byModel, byState,
                    agenciesByState);
        }
    }

    @Test
    void theCountsAskedRightAfterEachImportAreWhatItListed() {
        List<Path> oldestFirst = IceSheetFiles.participating().stream()
                .sorted(Comparator.comparing(file -> Publication.of(file)))
                .toList();
        assertThat(oldestFirst).hasSize(10);
        for (Path file : oldestFirst) {
            LocalDate day = Publication.of(file).publishedOn();
            ResponseEntity<JsonNode> imported = upload(file);
            assertThat(imported.getStatusCode()).as("import of %s", file.getFileName()).isEqualTo(HttpStatus.OK);
            assertThat(imported.getBody().path("outcome").asText()).isEqualTo("imported");

            // the very next request, no waiting, no retry
            ResponseEntity<JsonNode> counts = http.getForEntity("/api/reports/counts?asOf={day}&knownAt={day}",
                    JsonNode.class, day, day);

            assertThat(counts.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(Listed.of(counts.getBody()))
                    .as("counts(asOf = knownAt = %s) asked right after importing %s", day, file.getFileName())
                    .isEqualTo(Listed.of(WorkbookFigures.of(file)));
            // and the answer says which position of the ledger it reflects: at least the import's last event
            long appended = Long.parseLong(imported.getHeaders().getFirst("Ledger-Position"));
            assertThat(Long.parseLong(counts.getHeaders().getFirst("Ledger-Position")))
                    .as("the position the counts reflect").isGreaterThanOrEqualTo(appended);
            assertThat(imported.getHeaders().containsKey("Ledger-Behind")).as("import said reports are behind").isFalse();
            assertThat(counts.getHeaders().containsKey("Ledger-Behind")).as("counts said they are behind").isFalse();
        }
    }

    private ResponseEntity<JsonNode> upload(Path file) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.setBearerAuth(ARCHIVIST_TOKEN);
        return http.exchange("/api/imports?fileName={name}", HttpMethod.POST, new HttpEntity<>(bytes(file), headers),
                JsonNode.class, file.getFileName().toString());
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void icesFilesAreAsPublished() {
        IceSheetFiles.assertUntouched();
    }
}
