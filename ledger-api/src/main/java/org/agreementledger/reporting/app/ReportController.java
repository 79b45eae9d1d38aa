package org.agreementledger.reporting.app;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigInteger;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.demo.LedgerSources;
import org.agreementledger.listing.CurrentAgreements;
import org.agreementledger.reconciliation.Reconciliation;
import org.agreementledger.reconciliation.ReconciliationCsv;
import org.agreementledger.reconciliation.ReconciliationDocument;
import org.agreementledger.reporting.AgreementPage;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.Counts;
import org.agreementledger.reporting.GroupBy;
import org.agreementledger.reporting.Step;
import org.agreementledger.reporting.Timeline;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports from the read model, as JSON or CSV ({@code ?format=csv} or {@code Accept: text/csv}).
 * Parameters arrive as text and are parsed by the same rules as the command line, so a bad one is a
 * 400 problem naming it.
 */
@RestController
@Tag(name = "Reports", description = "Counts, timelines, the agreements in force and published figures reconciled")
record ReportController(AgreementReports reports, CurrentAgreements pending, Reconciliation reconciliation,
                        LedgerSources sources) {

    private static final String JSON = "application/json";
    private static final String CSV = "text/csv";

    @GetMapping("/api/reports/counts")
    @Operation(summary = "Agreements, agencies, states and territories in force on a day, by model and state",
            description = "as the public record stood on knownAt (default today). states counts the 50 states and"
                    + " the District of Columbia, territories the five territories (GU, MP, PR, VI, AS); byState"
                    + " holds both. Agencies are counted by their id as their name was known on knownAt, so an"
                    + " agreement whose agency ICE renamed counts with the agency's later agreements from the day"
                    + " the rename was known")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = JSON, schema = @Schema(implementation = CountsDocument.class)),
            @Content(mediaType = CSV)})
    ResponseEntity<?> counts(
            @Parameter(description = "the day counted, YYYY-MM-DD", required = true, example = "2026-01-26")
            @RequestParam(required = false) String asOf,
            @Parameter(description = "only what was public by this day, YYYY-MM-DD (default today)")
            @RequestParam(required = false) String knownAt,
            @Parameter(description = "none, state, model or agency-type (adds byAgencyType)")
            @RequestParam(required = false) String groupBy,
            @Parameter(description = "json or csv (default: the Accept header, else json)")
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ReportFormat output = ReportFormat.of(format, accept);
        GroupBy by = GroupBy.parse("groupBy", groupBy);
        Counts counts = reports.counts(Fields.date("asOf", asOf), Fields.optionalDate("knownAt", knownAt));
        CountsDocument document = CountsDocument.of(counts, by, null,
                pending.pendingAgencies(counts.asOf(), counts.knownAt()));
        return output == ReportFormat.CSV
                ? csv("counts-" + counts.asOf(), ReportCsv.counts(document, notice()))
                : ResponseEntity.ok(document);
    }

    @GetMapping("/api/reports/timeline")
    @Operation(summary = "Agreements, agencies, states and territories in force at each step from one day to another",
            description = "each point counts as /api/reports/counts does on its day: states and territories apart")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = JSON, schema = @Schema(implementation = Timeline.class)),
            @Content(mediaType = CSV)})
    ResponseEntity<?> timeline(
            @Parameter(description = "first day, YYYY-MM-DD", required = true, example = "2020-01-01")
            @RequestParam(required = false) String from,
            @Parameter(description = "last day, YYYY-MM-DD", required = true, example = "2026-03-01")
            @RequestParam(required = false) String to,
            @Parameter(description = "day, week or month (default month)") @RequestParam(required = false) String step,
            @Parameter(description = "only what was public by this day (default today)")
            @RequestParam(required = false) String knownAt,
            @Parameter(description = "json or csv") @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ReportFormat output = ReportFormat.of(format, accept);
        Timeline timeline = reports.timeline(Fields.date("from", from), Fields.date("to", to), Step.parse("step", step),
                Fields.optionalDate("knownAt", knownAt));
        return output == ReportFormat.CSV
                ? csv("timeline-" + timeline.from() + "-" + timeline.to(), ReportCsv.timeline(timeline, notice()))
                : ResponseEntity.ok(timeline);
    }

    /** One implementation, two paths: the documented {@code /api/agreements} and the older report path. */
    @GetMapping({"/api/agreements", "/api/reports/agreements"})
    @Operation(summary = "The agreements in force on a day, optionally in one state and under one model, a page at a time")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = JSON, schema = @Schema(implementation = AgreementPage.class)),
            @Content(mediaType = CSV)})
    ResponseEntity<?> agreements(
            @Parameter(description = "the day, YYYY-MM-DD", required = true, example = "2026-01-26")
            @RequestParam(required = false) String asOf,
            @Parameter(description = "only what was public by this day (default today)")
            @RequestParam(required = false) String knownAt,
            @Parameter(description = "USPS code or state name") @RequestParam(required = false) String state,
            @Parameter(description = "JEM, TFM or WSO") @RequestParam(required = false) String model,
            @Parameter(description = "page number from 0") @RequestParam(required = false) String page,
            @Parameter(description = "rows a page, 1 to " + AgreementReports.MAX_PAGE_SIZE + " (default 100)")
            @RequestParam(required = false) String size,
            @Parameter(description = "json or csv") @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ReportFormat output = ReportFormat.of(format, accept);
        AgreementPage result = reports.agreementsInForce(Fields.date("asOf", asOf),
                Fields.optionalDate("knownAt", knownAt),
                Fields.optional(state) == null ? null : UsState.parse("state", state),
                Fields.optional(model) == null ? null : SupportModel.parse("model", model),
                number("page", page, 0), number("size", size, 100));
        return output == ReportFormat.CSV
                ? csv("agreements-" + result.asOf(), ReportCsv.agreements(result, notice()), result.total())
                : ResponseEntity.ok(result);
    }

    @GetMapping("/api/reports/reconciliation")
    @Operation(summary = "Each published figure beside the ledger's figure for the same measure, scope and day,"
            + " and beside ICE's lists",
            description = "ledgerValue: the ledger's count under the claim's rule as known on knownAt (agencies by"
                    + " identity, states without territories); difference = claimed - ledger; verdict matches,"
                    + " differs or \"no data\" (the day lies outside the span of days the ledger observed, as known"
                    + " on knownAt). Beside it: agencies by printed name on the list in force that day"
                    + " (ledgerValueByPrintedName), that list (publication), the nearest list giving the claimed"
                    + " value under the claim's measure (nearestMatch) or read as another measure"
                    + " (otherMeasureMatch), and an explanation made from these fields")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = JSON, schema = @Schema(implementation = ReconciliationDocument.class)),
            @Content(mediaType = CSV)})
    ResponseEntity<?> reconciliation(
            @Parameter(description = "the ledger as known on this day (default today)")
            @RequestParam(required = false) String knownAt,
            @Parameter(description = "json or csv") @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ReportFormat output = ReportFormat.of(format, accept);
        ReconciliationDocument document = reconciliation.reconcile(Fields.optionalDate("knownAt", knownAt));
        return output == ReportFormat.CSV
                ? csv("reconciliation-" + document.knownAt(), ReconciliationCsv.of(document, notice()))
                : ResponseEntity.ok(document);
    }

    private String notice() {
        return sources.holdsSynthetic() ? LedgerSources.NOTICE : null;
    }

    private static ResponseEntity<?> csv(String name, String body, long... total) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(ReportFormat.TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + name + ".csv\"");
        if (total.length > 0) {
            response.header("X-Total-Count", Long.toString(total[0]));
        }
        return response.body(body);
    }

    /** A whole number; out-of-range values are left to the report to refuse with its limits. */
    private static int number(String field, String value, int absent) {
        String text = Fields.optional(value);
        if (text == null) {
            return absent;
        }
        if (!text.matches("[+-]?\\d{1,30}")) {
            throw new InvalidFieldException(field, "'" + Fields.abbreviate(text) + "' is not a whole number");
        }
        BigInteger number = new BigInteger(text);
        if (number.bitLength() >= Integer.SIZE) {
            throw new InvalidFieldException(field, "'" + Fields.abbreviate(text) + "' is out of range");
        }
        return number.intValue();
    }
}
