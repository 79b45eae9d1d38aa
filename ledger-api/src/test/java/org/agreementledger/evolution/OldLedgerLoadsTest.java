package org.agreementledger.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.agreementledger.agreement.app.AgreementHistory;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.agreement.app.HistoryEntry;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.Capture;
import org.agreementledger.api.Source;
import org.agreementledger.api.WithdrawAgreement;
import org.agreementledger.api.WithdrawalReason;
import org.agreementledger.integrity.LedgerChain;
import org.agreementledger.integrity.Verification;
import org.agreementledger.progress.Progress;
import org.agreementledger.reporting.AgreementReports;
import org.agreementledger.reporting.ProjectionRebuild;
import org.agreementledger.storedevents.StoredEventReader;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.agreementledger.testing.TestAgreements;
import org.axonframework.eventhandling.DomainEventMessage;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A ledger written by the code before AgreementSigned and the other events with a source went to
 * revision 2 (the fixture in {@code evolution/}, see its README) opens with today's code: its hash
 * chain is the same link by link (the stored bytes were not touched), its reports answer what they
 * answered then, and its events read in today's shape, the capture the old titles told in words now
 * a {@link Capture}, whether Axon's store reads them or the ledger's own SQL does.
 */
@ExtendWith(LedgerDatabaseExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "ledger.db.connection-timeout=3s")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OldLedgerLoadsTest {

    static final String DUMP = "ledger-before-capture.sql";
    static final String CHAIN = "ledger-before-capture-chain.csv";
    static final String COUNTS = "ledger-before-capture-counts.txt";

    static final String ETA = "OH-eta-county-sheriffs-office#JEM#2025-05-01";
    static final String THETA = "OH-theta-police-department#TFM#2025-05-02";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerChain chain;
    @Autowired
    ProjectionRebuild rebuild;
    @Autowired
    AgreementReports reports;
    @Autowired
    AgreementHistory history;
    @Autowired
    AgreementLedger ledger;
    @Autowired
    StoredEventReader storedEvents;

    /**
     * A database holding the old ledger's rows before the application opens it. Migrated to V8 (the
     * hash chain linked at commit) only: the application's start migrates the rest, Java migrations
     * included, as it would upgrade a ledger that exists.
     */
    @DynamicPropertySource
    static void oldLedger(DynamicPropertyRegistry registry) {
        LedgerDatabaseExtension.TestDatabase database = LedgerDatabaseExtension.newDatabase();
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(database.url());
            dataSource.setUsername(database.user());
            dataSource.setPassword(database.password());
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("8").load()
                    .migrate();
            new JdbcTemplate(dataSource).execute(resource(DUMP));
        }
        registry.add("ledger.db.url", database::url);
        registry.add("ledger.db.user", database::user);
        registry.add("ledger.db.password", database::password);
    }

    static String resource(String name) {
        try (InputStream in = OldLedgerLoadsTest.class.getResourceAsStream("/evolution/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void itsHashChainIsTheOneItsDatabaseMade() {
        List<String> links = jdbc.query("select position, globalindex, hash from ledger_chain order by position",
                (row, n) -> row.getLong(1) + "," + row.getLong(2) + "," + HexFormat.of().formatHex(row.getBytes(3)));
        assertThat(links).isEqualTo(resource(CHAIN).lines().toList());
        Verification verified = chain.verify(null, Progress.NONE);
        assertThat(verified.intact()).as("%s", verified.findings()).isTrue();
        assertThat(verified.linksChecked()).isEqualTo(links.size());
        // no old row was rewritten into the new shape: revisions stay as written
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where payloadrevision is not null",
                Long.class)).isZero();
    }

    @Test
    @Order(2)
    void rebuiltItsReportsAnswerAsTheyDid() {
        rebuild.rebuild(Duration.ofSeconds(1), progress -> { });
        List<String> counts = new ArrayList<>();
        for (LocalDate[] question : OldLedgerWriter.QUESTIONS) {
            counts.add(reports.counts(question[0], question[1]).toString());
            assertThat(reports.countsFromSql(question[0], question[1]).toString()).isEqualTo(counts.get(counts.size() - 1));
        }
        assertThat(counts).isEqualTo(resource(COUNTS).lines().toList());
    }

    @Test
    @Order(3)
    void itsEventsReadInTodaysShapeThroughAxonsStore() {
        Source eta = signing(history.of(ETA)).source();
        assertThat(eta.title()).isEqualTo("ICE participating agencies, 2025-05-07");
        assertThat(eta.capture()).isEqualTo(new Capture(Instant.parse("2025-05-07T09:30:12Z"),
                Capture.WAYBACK_MACHINE, true, "RelevantResearch/287g-DetentionData", null));
        assertThat(eta.citation()).isEqualTo("ICE participating agencies, 2025-05-07 (the table on ICE's 287(g)"
                + " web page as the Wayback Machine captured it at 2025-05-07T09:30:12Z, extracted to a workbook by"
                + " RelevantResearch/287g-DetentionData)");
        Source theta = signing(history.of(THETA)).source();
        assertThat(theta.title()).isEqualTo("ICE participating agencies, 2025-05-08");
        assertThat(theta.capture()).isEqualTo(new Capture(Instant.parse("2025-05-08T10:15:00Z"),
                Capture.WAYBACK_MACHINE, false, null, null));
        Source beta = signing(history.of("OH-beta-county-sheriffs-office#TFM#2025-02-01")).source();
        assertThat(beta.title()).isEqualTo("ICE participating agencies, 2025-05-01 am");
        assertThat(beta.capture()).isNull();
    }

    @Test
    @Order(4)
    void itsEventsReadInTodaysShapeThroughTheLedgersOwnReader() {
        List<DomainEventMessage<?>> read = jdbc.query("select " + StoredEventReader.columns(null)
                + " from domainevententry where aggregateidentifier = ? order by sequencenumber",
                (row, n) -> storedEvents.read(row).get(0), THETA);
        assertThat(((AgreementSigned) read.get(0).getPayload()).source().capture().capturedAt())
                .isEqualTo(Instant.parse("2025-05-08T10:15:00Z"));
    }

    @Test
    @Order(5)
    void itTakesNewEventsAfterTheOldOnes() {
        ledger.amend(new WithdrawAgreement(ETA, WithdrawalReason.WITHDRAWN_BY_AGENCY, LocalDate.of(2025, 6, 1),
                LocalDate.of(2025, 6, 1), TestAgreements.PRESS, 0L));
        assertThat(history.of(ETA)).extracting(HistoryEntry::type).containsExactly("AgreementSigned",
                "AgreementWithdrawn");
        assertThat(jdbc.queryForObject("select payloadrevision from domainevententry where aggregateidentifier = ?"
                + " and sequencenumber = 1", String.class, ETA)).isEqualTo(Source.EVENT_REVISION);
        assertThat(chain.verify(null, Progress.NONE).intact()).isTrue();
    }

    private static AgreementSigned signing(List<HistoryEntry> entries) {
        return (AgreementSigned) entries.get(0).event();
    }
}
