package org.agreementledger.storedevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.agreementledger.api.AgreementCorrected;
import org.agreementledger.api.AgreementReinstated;
import org.agreementledger.api.AgreementRequestClosed;
import org.agreementledger.api.AgreementRequested;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.AgreementWithdrawn;
import org.agreementledger.api.Capture;
import org.agreementledger.api.Source;
import org.agreementledger.api.SupportModelChanged;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Events of the first revision (none written) to revision 2, in which the source has a
 * {@link Capture}. Before it, a Wayback Machine capture was told only in words at the end of the
 * source's title, as {@code Publication} wrote them:
 * <ul>
 * <li>"... (the table on ICE's 287(g) web page as the Wayback Machine captured it at {instant},
 * extracted to a workbook by {owner/repo, or: a third party})"</li>
 * <li>"... (ICE's spreadsheet as the Wayback Machine captured it at {instant})"</li>
 * </ul>
 * Those words become the capture and leave the title; any other source gets no capture. Nothing
 * else changes. A Spring bean, so Axon's configuration puts it in the store's upcaster chain, and
 * the ledger's own reads ({@link StoredEventReader}) use the same chain.
 */
@Component
@Order(1)
public class SourceCaptureUpcaster extends SingleEventUpcaster {

    /** The events that carry a source: their type names as stored. */
    static final Set<String> TYPES = Stream.of(AgreementSigned.class, SupportModelChanged.class,
            AgreementWithdrawn.class, AgreementReinstated.class, AgreementCorrected.class, AgreementRequested.class,
            AgreementRequestClosed.class).map(Class::getName).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static final Pattern WEB_PAGE_TABLE = Pattern.compile(" \\(the table on ICE's 287\\(g\\) web page as the"
            + " Wayback Machine captured it at (\\S+), extracted to a workbook by (.+)\\)$");
    private static final Pattern SPREADSHEET = Pattern.compile(
            " \\(ICE's spreadsheet as the Wayback Machine captured it at (\\S+)\\)$");
    private static final String UNKNOWN_EXTRACTOR = "a third party";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().getRevision() == null && TYPES.contains(event.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(event.getType().getName(), Source.EVENT_REVISION),
                JsonNode.class, SourceCaptureUpcaster::withCapture);
    }

    /** The payload with its source's capture taken out of the title; the same node, changed. */
    static JsonNode withCapture(JsonNode payload) {
        JsonNode source = payload.get("source");
        if (!(source instanceof ObjectNode fields) || !source.path("title").isTextual()) {
            return payload; // a required field; an event without one fails to load as it would have
        }
        String title = fields.get("title").asText();
        Matcher table = WEB_PAGE_TABLE.matcher(title);
        Matcher sheet = SPREADSHEET.matcher(title);
        ObjectNode capture = JsonNodeFactory.instance.objectNode();
        if (table.find()) {
            fields.put("title", title.substring(0, table.start()));
            capture.put("capturedAt", table.group(1));
            capture.put("capturedBy", Capture.WAYBACK_MACHINE);
            capture.put("webPageTable", true);
            capture.put("extractedBy", UNKNOWN_EXTRACTOR.equals(table.group(2)) ? null : table.group(2));
            capture.putNull("extractedAt");
            fields.set("capture", capture);
        } else if (sheet.find()) {
            fields.put("title", title.substring(0, sheet.start()));
            capture.put("capturedAt", sheet.group(1));
            capture.put("capturedBy", Capture.WAYBACK_MACHINE);
            capture.put("webPageTable", false);
            capture.putNull("extractedBy");
            capture.putNull("extractedAt");
            fields.set("capture", capture);
        } else {
            fields.putNull("capture");
        }
        return payload;
    }
}
