package org.agreementledger.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.agreementledger.api.AgreementCorrected;
import org.agreementledger.api.AgreementReinstated;
import org.agreementledger.api.AgreementRequestClosed;
import org.agreementledger.api.AgreementRequested;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.AgreementWithdrawn;
import org.agreementledger.api.Capture;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.DateRepair;
import org.agreementledger.api.ImportReport;
import org.agreementledger.api.ImportReport.RowNote;
import org.agreementledger.api.PublicationHeld;
import org.agreementledger.api.PublicationRecorded;
import org.agreementledger.api.PublicationRejected;
import org.agreementledger.api.PublicationReleased;
import org.agreementledger.api.RequestClosure;
import org.agreementledger.api.Source;
import org.agreementledger.api.SourceKind;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.SupportModelChanged;
import org.agreementledger.api.UsState;
import org.agreementledger.api.WithdrawalReason;
import org.agreementledger.storedevents.StoredEventReader;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Every event type's stored shape, against a golden JSON file per type and revision under
 * {@code src/test/resources/events/} ({@code AgreementSigned.rev2.json}; no suffix for an event
 * without a revision). A payload whose fields or their JSON types change without a new revision
 * fails here: stored events outlive the code, and a new shape needs a new revision and an upcaster.
 * A new revision needs a new golden file (run once with {@code -Dledger.golden.write=true} to write
 * the missing ones, then review them); the old one stays, for the upcaster's test below. Shapes are
 * compared, not values: the representative instances below fill every field.
 */
class EventShapesTest extends LedgerIntegrationTest {

    private static final Path GOLDEN = Path.of("src/test/resources/events");
    private static final LocalDate DAY = LocalDate.of(2025, 5, 16);
    private static final Capture CAPTURE = new Capture(Instant.parse("2025-05-16T09:30:12Z"),
            Capture.WAYBACK_MACHINE, true, "RelevantResearch/287g-DetentionData", Instant.parse("2025-05-20T10:00:00Z"));
    private static final Source SOURCE = new Source(SourceKind.ICE_SHEET, "ICE participating agencies, 2025-05-16 am",
            "participatingAgencies05162025am.xlsx", "0".repeat(64), DAY, 7, CAPTURE);
    private static final String AGREEMENT = "AL-colbert-county-sheriffs-office#JEM#2025-01-02";
    private static final String REQUEST = "AL-colbert-county-sheriffs-office#JEM#requested-2025-01-02";
    private static final String PUBLICATION = "publication-" + "0".repeat(64);
    private static final RowNote NOTE = new RowNote(7, "SIGNED", "45690", "a note");
    private static final ImportReport REPORT = new ImportReport("participatingAgencies05162025am.xlsx", "0".repeat(64),
            DAY, "am", "PARTICIPATING", "held", 10, 9, 8, Map.of("AgreementSigned", 9), List.of(NOTE), List.of(NOTE),
            List.of(NOTE), List.of(NOTE), "a reason");

    /** One instance of every event type, every field filled. */
    static final List<Object> EVENTS = List.of(
            new AgreementSigned(AGREEMENT, "AL-colbert-county-sheriffs-office", "Colbert County Sheriff's Office",
                    UsState.AL, "Colbert", "County", SupportModel.JEM, LocalDate.of(2025, 1, 2), "https://example.org/moa",
                    LocalDate.of(2025, 1, 2), DAY, SOURCE, new DateRepair("2 Jan 2025", "DAY_MONTH_NAME")),
            new SupportModelChanged(AGREEMENT, SupportModel.JEM, SupportModel.TFM, DAY, DAY, SOURCE),
            new AgreementWithdrawn(AGREEMENT, WithdrawalReason.WITHDRAWN_BY_AGENCY, DAY, DAY, SOURCE),
            new AgreementReinstated(AGREEMENT, DAY, DAY, SOURCE),
            new AgreementCorrected(AGREEMENT, CorrectableField.county, "Colbert", "Lauderdale", DAY, DAY, SOURCE),
            new AgreementRequested(REQUEST, "AL-colbert-county-sheriffs-office", "Colbert County Sheriff's Office",
                    UsState.AL, "Colbert", "County", SupportModel.JEM, LocalDate.of(2025, 1, 2), DAY, SOURCE),
            new AgreementRequestClosed(REQUEST, RequestClosure.SIGNED, AGREEMENT, DAY, DAY, SOURCE),
            new PublicationRecorded(PUBLICATION, REPORT),
            new PublicationHeld(PUBLICATION, REPORT, "a reason"),
            new PublicationReleased(PUBLICATION, "a reason"),
            new PublicationRejected(PUBLICATION, "a reason"));

    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;
    @Autowired
    StoredEventReader storedEvents;
    @Autowired
    ObjectMapper json;

    @Test
    void everyEventTypeHasTheShapeOfItsRevisionsGoldenFile() throws IOException {
        boolean write = Boolean.getBoolean("ledger.golden.write");
        StringBuilder failures = new StringBuilder();
        for (Object event : EVENTS) {
            SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
            JsonNode actual = json.readTree(stored.getData());
            Path golden = GOLDEN.resolve(goldenName(event.getClass().getSimpleName(), stored.getType().getRevision()));
            if (!Files.exists(golden)) {
                if (write) {
                    Files.writeString(golden, json.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
                    continue;
                }
                failures.append("\n").append(event.getClass().getSimpleName()).append(" revision ")
                        .append(stored.getType().getRevision()).append(" has no golden file ").append(golden)
                        .append(": a new shape needs a new revision, an upcaster and a golden file"
                                + " (-Dledger.golden.write=true writes it)");
                continue;
            }
            Map<String, String> expected = shape(json.readTree(golden.toFile()));
            Map<String, String> found = shape(actual);
            if (!expected.equals(found)) {
                failures.append("\n").append(event.getClass().getSimpleName()).append(" revision ")
                        .append(stored.getType().getRevision()).append(" changed shape without a new revision: ")
                        .append(golden).append(" has ").append(expected).append(", the payload ").append(found);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.toString());
        }
    }

    /** The list above is every event type: each type an aggregate or a projection handles is in it. */
    @Test
    void everyHandledEventTypeIsListed() {
        Set<String> handled = new TreeSet<>();
        for (JavaClass javaClass : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.agreementledger")) {
            for (JavaMethod method : javaClass.getMethods()) {
                if ((method.isAnnotatedWith(EventHandler.class) || method.isAnnotatedWith(EventSourcingHandler.class))
                        && !method.getRawParameterTypes().isEmpty()) {
                    JavaClass payload = method.getRawParameterTypes().get(0);
                    if (payload.getPackageName().equals("org.agreementledger.api") && !payload.isInterface()) {
                        handled.add(payload.getName());
                    }
                }
            }
        }
        assertThat(EVENTS.stream().map(e -> e.getClass().getName()).collect(Collectors.toSet())).containsAll(handled);
    }

    /**
     * The golden files of revision 1 (as the code before revision 2 stored them: payloads taken from
     * the old-ledger fixture) upcast to today's events, losing nothing: every other field keeps its
     * value, and the capture told in the old title's words becomes the source's capture.
     */
    @Test
    void theOldShapesUpcastToTodaysLosingNothing() throws IOException {
        for (Object event : EVENTS) {
            if (event.getClass().getAnnotation(Revision.class) == null) {
                continue;
            }
            Path old = GOLDEN.resolve(goldenName(event.getClass().getSimpleName(), null));
            assertThat(old).as("the golden file of the revision before").exists();
            byte[] bytes = Files.readAllBytes(old);
            Object upcast = upcast(event.getClass().getName(), bytes);
            assertThat(upcast).isInstanceOf(event.getClass());
            ObjectNode before = (ObjectNode) json.readTree(bytes);
            ObjectNode after = (ObjectNode) json.readTree(serializer.serialize(upcast, byte[].class).getData());
            ObjectNode sourceBefore = (ObjectNode) before.remove("source");
            ObjectNode sourceAfter = (ObjectNode) after.remove("source");
            assertThat(after).as(old.toString()).isEqualTo(before);
            String titleBefore = sourceBefore.remove("title").asText();
            String titleAfter = sourceAfter.remove("title").asText();
            JsonNode capture = sourceAfter.remove("capture");
            assertThat(sourceAfter).as(old.toString()).isEqualTo(sourceBefore);
            if (titleBefore.contains("Wayback Machine")) {
                assertThat(titleBefore).startsWith(titleAfter + " (");
                assertThat(capture.get("capturedBy").asText()).isEqualTo(Capture.WAYBACK_MACHINE);
                assertThat(titleBefore).contains(capture.get("capturedAt").asText());
            } else {
                assertThat(titleAfter).isEqualTo(titleBefore);
                assertThat(capture.isNull()).isTrue();
            }
        }
        // the web page's table, as the old code wrote it
        AgreementSigned signed = (AgreementSigned) upcast(AgreementSigned.class.getName(),
                Files.readAllBytes(GOLDEN.resolve("AgreementSigned.json")));
        assertThat(signed.source().capture()).isEqualTo(new Capture(Instant.parse("2025-05-07T09:30:12Z"),
                Capture.WAYBACK_MACHINE, true, "RelevantResearch/287g-DetentionData", null));
    }

    private Object upcast(String type, byte[] payload) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Agreement", "an-aggregate", 0,
                UUID.randomUUID().toString(), Instant.now(), type, null, payload, "{}".getBytes(StandardCharsets.UTF_8));
        List<? extends DomainEventMessage<?>> read = storedEvents.read(entry);
        assertThat(read).hasSize(1);
        return read.get(0).getPayload();
    }

    private static String goldenName(String type, String revision) {
        return type + (revision == null ? "" : ".rev" + revision) + ".json";
    }

    /** Each field's path and JSON type; an array's elements as one path ({@code repaired[]}). */
    static Map<String, String> shape(JsonNode node) {
        Map<String, String> shape = new TreeMap<>();
        shape("", node, shape);
        return shape;
    }

    private static void shape(String path, JsonNode node, Map<String, String> shape) {
        if (node.isObject()) {
            shape.put(path.isEmpty() ? "/" : path, "object");
            node.fields().forEachRemaining(field -> shape(path + "/" + field.getKey(), field.getValue(), shape));
        } else if (node.isArray()) {
            shape.put(path, "array");
            node.forEach(element -> shape(path + "[]", element, shape));
        } else {
            shape.put(path, node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

}
