package org.agreementledger.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.agreementledger.api.InvalidFieldException;
import org.agreementledger.api.Source;
import org.agreementledger.api.SourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicationTest {

    @TempDir
    Path dir;

    @Test
    void datesAndEditionsComeFromIcesFileNames() {
        assertThat(Publication.dateInName("participatingAgencies05162025am.xlsx"))
                .isEqualTo(new Publication.NameDate(LocalDate.of(2025, 5, 16), Edition.AM));
        assertThat(Publication.dateInName("participatingAgencies05192025pm.xlsx"))
                .isEqualTo(new Publication.NameDate(LocalDate.of(2025, 5, 19), Edition.PM));
        assertThat(Publication.dateInName("pendingAgencies06062025AM.xlsx"))
                .isEqualTo(new Publication.NameDate(LocalDate.of(2025, 6, 6), Edition.AM));
        assertThat(Publication.dateInName("participatingAgencies05162025.xlsx"))
                .isEqualTo(new Publication.NameDate(LocalDate.of(2025, 5, 16), null));
        // a browser's " (1)" does not hide the date
        assertThat(Publication.dateInName("participatingAgencies05162025am (1).xlsx").date())
                .isEqualTo(LocalDate.of(2025, 5, 16));
        assertThat(Publication.dateInName("participatingAgencies13452025am.xlsx")).isNull();
        assertThat(Publication.dateInName("287g-latest.xlsx")).isNull();
    }

    @Test
    void icesEditionVariantsAndMiddayEditionsAreRead() {
        assertThat(Publication.dateInName("participatingAgencies10172025mid.xlsx"))
                .isEqualTo(new Publication.NameDate(LocalDate.of(2025, 10, 17), Edition.MID));
        assertThat(Publication.dateInName("participatingAgencies05122025amB.xlsx"))
                .isEqualTo(new Publication.NameDate(LocalDate.of(2025, 5, 12), Edition.AM));
        assertThat(Publication.dateInName("participatingAgencies12042025pm2.xlsx"))
                .isEqualTo(new Publication.NameDate(LocalDate.of(2025, 12, 4), Edition.PM));
        assertThat(Publication.dateInName("participatingAgencies11202025pm_b.xlsx"))
                .isEqualTo(new Publication.NameDate(LocalDate.of(2025, 11, 20), Edition.PM));
        assertThat(Publication.dateInName("participatingAgencies11202025pm copy.xlsx"))
                .isEqualTo(new Publication.NameDate(LocalDate.of(2025, 11, 20), Edition.PM));
        assertThat(Publication.dateInName("participatingAgencies11202025pmB.xlsx").edition()).isEqualTo(Edition.PM);
    }

    @Test
    void aWaybackCaptureIsDatedByItsTimestampAndSaysWhoCapturedAndExtractedIt() throws IOException {
        assertThat(Publication.dateInName("ParticipatingEntities-20210113002027.xlsx"))
                .isEqualTo(new Publication.NameDate(LocalDate.of(2021, 1, 13), null,
                        java.time.Instant.parse("2021-01-13T00:20:27Z")));
        assertThat(Publication.dateInName("participatingAgencies-20251399000000.xlsx")).isNull();

        Publication table = Publication.of(write("ParticipatingEntities-20210113002027.xlsx", "t"),
                new Publication.Naming("ParticipatingEntities-20210113002027.xlsx", null, null, null,
                        "ice-web-page-table", "https://github.com/RelevantResearch/287g-DetentionData/blob/4f9d1c3/x.xlsx"));
        assertThat(table.publishedOn()).isEqualTo(LocalDate.of(2021, 1, 13));
        assertThat(table.dated()).isEqualTo(Publication.Dated.CAPTURE);
        assertThat(table.capture().webPageTable()).isTrue();
        assertThat(table.title()).isEqualTo("ICE participating agencies, 2021-01-13");
        assertThat(table.source().capture()).isEqualTo(new org.agreementledger.api.Capture(
                java.time.Instant.parse("2021-01-13T00:20:27Z"), "Wayback Machine", true,
                "RelevantResearch/287g-DetentionData", null));
        assertThat(table.source().citation()).isEqualTo("ICE participating agencies, 2021-01-13 (the table on ICE's"
                + " 287(g) web page as the Wayback Machine captured it at 2021-01-13T00:20:27Z, extracted to a workbook"
                + " by RelevantResearch/287g-DetentionData)");
        assertThat(table.source().reference()).startsWith("https://github.com/RelevantResearch/");

        Publication sheet = Publication.of(write("participatingAgencies-20250221214937.xlsx", "s"));
        assertThat(sheet.capture().webPageTable()).isFalse();
        assertThat(sheet.source(3).capture().capturedAt()).isEqualTo(java.time.Instant.parse("2025-02-21T21:49:37Z"));
        assertThat(sheet.source(3).citation())
                .endsWith("(ICE's spreadsheet as the Wayback Machine captured it at 2025-02-21T21:49:37Z)");
        assertThat(sheet.source().reference()).isEqualTo("participatingAgencies-20250221214937.xlsx");
    }

    @Test
    void identifiesAFileByNameAndBytes() throws IOException {
        Path file = write("participatingAgencies05162025am.xlsx", "abc");
        Publication publication = Publication.of(file);
        assertThat(publication.kind()).isEqualTo(PublicationKind.PARTICIPATING);
        assertThat(publication.publishedOn()).isEqualTo(LocalDate.of(2025, 5, 16));
        assertThat(publication.edition()).isEqualTo(Edition.AM);
        assertThat(publication.fileName()).isEqualTo("participatingAgencies05162025am.xlsx");
        // FIPS 180-2's test vector for "abc"
        assertThat(publication.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(publication.size()).isEqualTo(3);
        assertThat(publication.title()).isEqualTo("ICE participating agencies, 2025-05-16 am");
    }

    @Test
    void pendingListsAreKnownByName() throws IOException {
        Publication publication = Publication.of(write("pendingAgencies05192025am.xlsx", "x"));
        assertThat(publication.kind()).isEqualTo(PublicationKind.PENDING);
        assertThat(publication.source(7)).isEqualTo(new Source(SourceKind.PENDING_SHEET,
                "ICE pending agencies, 2025-05-19 am", "pendingAgencies05192025am.xlsx", publication.sha256(),
                LocalDate.of(2025, 5, 19), 7));
    }

    @Test
    void theSameBytesUnderAnotherNameAreTheSamePublication() throws IOException {
        Path ice = write("participatingAgencies05162025am.xlsx", "same bytes");
        Path renamed = write("download.xlsx", "same bytes");
        Publication fromIce = Publication.of(ice);
        Publication fromRenamed = Publication.of(renamed, LocalDate.of(2025, 5, 16), null);
        assertThat(fromRenamed.sha256()).isEqualTo(fromIce.sha256());
        assertThat(fromRenamed.edition()).isNull();
        assertThat(Publication.of(write("other.xlsx", "other bytes"), LocalDate.of(2025, 5, 16), null).sha256())
                .isNotEqualTo(fromIce.sha256());
    }

    @Test
    void anExplicitDateWinsOverTheName() throws IOException {
        Path file = write("participatingAgencies05162025am.xlsx", "abc");
        Publication publication = Publication.of(file, LocalDate.of(2025, 5, 17), PublicationKind.PENDING);
        assertThat(publication.publishedOn()).isEqualTo(LocalDate.of(2025, 5, 17));
        assertThat(publication.edition()).as("the name's 'am' was about another day").isNull();
        assertThat(publication.kind()).isEqualTo(PublicationKind.PENDING);
        assertThat(Publication.of(file, LocalDate.of(2025, 5, 16), null).edition()).isEqualTo(Edition.AM);
    }

    @Test
    void aNameWithoutADateNeedsAnExplicitOne() throws IOException {
        Path file = write("287g-latest.xlsx", "abc");
        assertThatThrownBy(() -> Publication.of(file))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("publishedOn: cannot tell the publication date from the file name '287g-latest.xlsx'")
                .hasMessageContaining("--published-on")
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("publishedOn");
        assertThat(Publication.of(file, LocalDate.of(2025, 5, 16), null).publishedOn()).isEqualTo(LocalDate.of(2025, 5, 16));
    }

    @Test
    void morningComesBeforeAfternoon() throws IOException {
        Publication may19pm = Publication.of(write("participatingAgencies05192025pm.xlsx", "3"));
        Publication may16am = Publication.of(write("participatingAgencies05162025am.xlsx", "1"));
        Publication may19am = Publication.of(write("participatingAgencies05192025am.xlsx", "2"));
        Publication may20 = Publication.of(write("participatingAgencies05202025.xlsx", "4"));
        List<Publication> publications = new ArrayList<>(List.of(may20, may19pm, may16am, may19am));
        publications.sort(null);
        assertThat(publications).containsExactly(may16am, may19am, may19pm, may20);
    }

    @Test
    void realSheetsAreHashedByTheirBytes() throws Exception {
        for (Path file : IceSheetFiles.participating()) {
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            Publication publication = Publication.of(file);
            assertThat(publication.sha256()).isEqualTo(expected);
            assertThat(publication.size()).isEqualTo(Files.size(file));
            assertThat(publication.edition()).isNotNull();
        }
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> Publication.of(dir.resolve("participatingAgencies05162025am.xlsx")))
                .isInstanceOf(SheetRefusedException.class)
                .hasMessageStartingWith("file: no such file");
    }

    private Path write(String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }
}
