package org.agreementledger.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.agreementledger.importing.app.PublicationImporter;
import org.agreementledger.progress.Progress;
import org.junit.jupiter.api.Test;

/** The states and the progress a start-up task reports, on a clock of the test's own. */
class LedgerReadinessTest {

    private static final LedgerStartupTask ARCHIVE = new LedgerStartupTask() {
        @Override
        public String description() {
            return "loading ICE's archive";
        }

        @Override
        public void run(LedgerReadiness.Loading loading) {
        }
    };

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void withNothingToLoadTheLedgerIsReadyFromTheStart() {
        LedgerReadiness readiness = new LedgerReadiness(List.of(), nanos::get);
        assertThat(readiness.isReady()).isTrue();
        assertThat(readiness.status().message()).isEqualTo("ready");
    }

    @Test
    void withATaskWaitingItIsLoadingBeforeTheTaskHasSaidAnything() {
        LedgerReadiness readiness = new LedgerReadiness(List.of(ARCHIVE), nanos::get);
        assertThat(readiness.isReady()).isFalse();
        assertThat(readiness.status().state()).isEqualTo(LedgerReadiness.State.LOADING);
        assertThat(readiness.status().message()).isEqualTo("loading ICE's archive: starting");
    }

    @Test
    void filesDoneOfTotalRowsReadASecondAndTheTimeLeftAtThePaceOfTheFilesDone() {
        LedgerReadiness readiness = new LedgerReadiness(List.of(ARCHIVE), nanos::get);
        LedgerReadiness.Loading loading = readiness.loading("loading ICE's archive");
        int files = 4;
        long rowsOfTheFirst = 600;
        Duration perFile = Duration.ofSeconds(3);
        loading.start("ICE's archive", files);
        Progress rows = loading.rows();
        rows.start(PublicationImporter.READ_PHASE + "a.xlsx", rowsOfTheFirst);
        rows.advance(rowsOfTheFirst);
        rows.finish();
        rows.start("append a.xlsx", 20); // events, not rows
        rows.advance(20);
        rows.finish();
        nanos.addAndGet(perFile.toNanos());
        loading.advance(1);
        rows.start(PublicationImporter.READ_PHASE + "b.xlsx", 0); // a sheet whose rows are not known ahead
        rows.advance(50);

        LedgerReadiness.Status status = readiness.status();
        assertThat(status.filesDone()).isEqualTo(1);
        assertThat(status.filesTotal()).isEqualTo(files);
        assertThat(status.rows()).isEqualTo(rowsOfTheFirst + 50);
        assertThat(status.rowsPerSecond()).isEqualTo((rowsOfTheFirst + 50) / (double) perFile.toSeconds());
        assertThat(status.eta()).isEqualTo(perFile.multipliedBy(files - 1));
        assertThat(status.phase()).isEqualTo("read b.xlsx");
        assertThat(status.message()).isEqualTo("loading ICE's archive: 1 of 4 files, 217 rows/s, about 0:00:09 left");

        readiness.ready();
        assertThat(readiness.isReady()).isTrue();
        assertThat(readiness.status().filesTotal()).as("no progress once ready").isZero();
    }

    @Test
    void aFailureIsKeptWithItsReasonAndHowFarItGot() {
        LedgerReadiness readiness = new LedgerReadiness(List.of(ARCHIVE), nanos::get);
        LedgerReadiness.Loading loading = readiness.loading("loading ICE's archive");
        loading.start("ICE's archive", 124);
        loading.advance(37);
        readiness.failed("participatingAgencies07012025am.xlsx: required column missing: SIGNED");

        assertThat(readiness.isReady()).isFalse();
        assertThat(readiness.status().state()).isEqualTo(LedgerReadiness.State.FAILED);
        assertThat(readiness.status().message()).isEqualTo("loading ICE's archive failed after 37 of 124 files:"
                + " participatingAgencies07012025am.xlsx: required column missing: SIGNED");
    }
}
