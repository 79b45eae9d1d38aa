package org.agreementledger.reporting;

import org.agreementledger.listing.CurrentAgreements;
import org.agreementledger.api.Fields;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports from the read model. Parameters arrive as text and are parsed by the same rules as the
 * command line, so a bad one is a 400 problem naming it.
 */
@RestController
@RequestMapping("/api/reports")
class ReportController {

    private final AgreementReports reports;
    private final CurrentAgreements pending;

    ReportController(AgreementReports reports, CurrentAgreements pending) {
        this.reports = reports;
        this.pending = pending;
    }

    @GetMapping("/counts")
    CountsDocument counts(@RequestParam(required = false) String asOf, @RequestParam(required = false) String knownAt,
                          @RequestParam(required = false) String groupBy) {
        GroupBy by = GroupBy.parse("groupBy", groupBy);
        Counts counts = reports.counts(Fields.date("asOf", asOf), Fields.optionalDate("knownAt", knownAt));
        return CountsDocument.of(counts, by, null, pending.pendingAgencies(counts.asOf(), counts.knownAt()));
    }

    @GetMapping("/timeline")
    Timeline timeline(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      @RequestParam(required = false) String step, @RequestParam(required = false) String knownAt) {
        return reports.timeline(Fields.date("from", from), Fields.date("to", to), Step.parse("step", step),
                Fields.optionalDate("knownAt", knownAt));
    }

    @GetMapping("/agreements")
    AgreementPage agreements(@RequestParam(required = false) String asOf,
                             @RequestParam(required = false) String knownAt,
                             @RequestParam(required = false) String state, @RequestParam(required = false) String model,
                             @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        return reports.agreementsInForce(Fields.date("asOf", asOf), Fields.optionalDate("knownAt", knownAt),
                Fields.optional(state) == null ? null : UsState.parse("state", state),
                Fields.optional(model) == null ? null : SupportModel.parse("model", model),
                number("page", page, 0), number("size", size, 100));
    }

    private static int number(String field, String value, int absent) {
        String text = Fields.optional(value);
        if (text == null) {
            return absent;
        }
        if (!text.matches("\\d{1,9}")) {
            throw new InvalidFieldException(field, "'" + Fields.abbreviate(text) + "' is not a whole number");
        }
        return Integer.parseInt(text);
    }
}
