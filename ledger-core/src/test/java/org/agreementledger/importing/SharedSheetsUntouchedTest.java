package org.agreementledger.importing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Reading ICE's sheets must leave every byte as published: a publication's identity is its SHA-256. */
class SharedSheetsUntouchedTest {

    @Test
    void theSheetsAreAsPublished() {
        IceSheetFiles.assertUntouched();
    }

    @AfterAll
    static void stillAsPublishedAfterReadingThemAll() {
        IceSheetFiles.participating().forEach(file -> {
            try (IceSheet<SheetLine> sheet = IceSheetReader.participating(file, Publication.of(file).publishedOn())) {
                sheet.forEachRemaining(line -> { });
            }
        });
        IceSheetFiles.assertUntouched();
    }
}
