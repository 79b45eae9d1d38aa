package org.agreementledger.importing.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a publication lists, counted straight from the workbook ({@link ArchiveFigures}, POI's plain
 * usermodel and none of the importer's code): distinct agreements (state, agency, model, SIGNED as
 * stored) and agencies, in total, by model and by state.
 */
public record WorkbookFigures(int agreements, int agencies, Map<String, Integer> byModel, Map<String, Integer> byState,
                              Map<String, Integer> agenciesByState) {

    public static WorkbookFigures of(Path file) {
        ArchiveFigures figures = ArchiveFigures.of(file);
        return new WorkbookFigures(figures.agreements(), figures.agencies(), figures.byModel(), figures.byState(),
                figures.agenciesByState());
    }
}
