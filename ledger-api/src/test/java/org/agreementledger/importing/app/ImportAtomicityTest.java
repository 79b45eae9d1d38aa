package org.agreementledger.importing.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.agreementledger.api.ImportReport;
import org.agreementledger.importing.IceSheetFiles;
import org.agreementledger.importing.Publication;
import org.agreementledger.progress.Progress;
import org.agreementledger.testing.EventStoreRows;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventBus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A publication is appended whole or not at all: a failure between two appends, or in the commit
 * itself, leaves nothing of it, and running the import again brings it in whole.
 */
@TestPropertySource(properties = "ledger.test.ledger=import-atomicity")
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ImportAtomicityTest extends LedgerIntegrationTest {

    @Autowired
    PublicationImporter importer;
    @Autowired
    EventBus eventBus;
    @Autowired
    JdbcTemplate jdbc;

    private ImportReport importFile(Path file) {
        return importer.importFile(file, file.getFileName().toString(), null, Progress.NONE);
    }

    private long inForce() {
        return jdbc.queryForObject("select count(*) from current_agreement where in_force", Long.class);
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void aFailureMidImportLeavesNothingAndTheRerunCompletesIt() {
        EventStoreRows rows = new EventStoreRows(jdbc);
        Path first = IceSheetFiles.named("participatingAgencies05162025am.xlsx");
        AtomicInteger handled = new AtomicInteger();
        // counted as the events are decided (each signing is one), whether by the batch path or a command handler
        Registration crash = eventBus.registerDispatchInterceptor(events -> (index, event) -> {
            if (handled.incrementAndGet() == 300) {
                throw new IllegalStateException("simulated crash after 299 of 571 appends");
            }
            return event;
        });
        try {
            assertThatThrownBy(() -> importFile(first)).hasMessageContaining("simulated crash");
        } finally {
            crash.cancel();
        }
        assertThat(handled.get()).isEqualTo(300);
        assertThat(rows.count()).as("events after the failed import").isZero();
        assertThat(inForce()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from imported_publication", Long.class)).isZero();

        ImportReport rerun = importFile(first);
        assertThat(rerun.outcome()).isEqualTo(ImportReport.IMPORTED);
        assertThat(rows.count()).isEqualTo(572); // 571 signings and the publication's record
        assertThat(inForce()).isEqualTo(571);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aFailureInTheCommitLeavesNothingAndTheRerunCompletesIt() {
        Path first = IceSheetFiles.named("participatingAgencies05162025am.xlsx");
        if (importerHasNot(first)) {
            importFile(first);
        }
        EventStoreRows rows = new EventStoreRows(jdbc);
        long before = rows.count();
        Path second = IceSheetFiles.named("participatingAgencies05192025am.xlsx");
        // the publication's record is written last, in the commit: make the database refuse it there
        jdbc.execute("create function refuse_publication() returns trigger language plpgsql as"
                + " $$ begin raise exception 'simulated failure in the commit'; end $$");
        jdbc.execute("create trigger refuse_publication before insert on imported_publication"
                + " for each row execute function refuse_publication()");
        try {
            assertThatThrownBy(() -> importFile(second)).hasStackTraceContaining("simulated failure in the commit");
        } finally {
            jdbc.execute("drop trigger refuse_publication on imported_publication");
            jdbc.execute("drop function refuse_publication()");
        }
        assertThat(rows.count()).isEqualTo(before);
        assertThat(inForce()).isEqualTo(571);

        ImportReport rerun = importFile(second);
        assertThat(rows.count()).isEqualTo(before + rerun.eventsAppended() + 1);
        assertThat(inForce()).isEqualTo(581);
    }

    private boolean importerHasNot(Path file) {
        return jdbc.queryForObject("select count(*) from imported_publication where sha256 = ?", Long.class,
                Publication.of(file).sha256()) == 0;
    }
}
