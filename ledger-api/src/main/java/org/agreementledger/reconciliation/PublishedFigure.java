package org.agreementledger.reconciliation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/**
 * One figure a source published: {@code value} {@code measure} (agencies, agreements or states with an
 * agreement in force) in {@code scope} (nation or a USPS state code) on {@code date}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublishedFigure(String id, Measure measure, String scope, LocalDate date, long value, Source source,
                              String note) {

    /** Who published it; {@code publishedOn} may be a month ("2026-02"). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String publisher, String title, String url, String publishedOn) {
    }

    public static final String NATION = "nation";
}
