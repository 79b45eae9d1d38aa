package org.agreementledger.eventstore;

import static org.agreementledger.testing.TestAgreements.signing;
import static org.agreementledger.testing.TestAgreements.uniqueAgency;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.api.AgreementSigned;
import org.agreementledger.api.SupportModel;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * An Error thrown inside a report batch (pgjdbc throws an AssertionError when the connection dies
 * under a batch insert with assertions on) fails that batch only: it is rolled back and retried, and
 * the processor goes on. Before, the work package's task ended without finishing its abort and the
 * processor never took in another event. A context of its own: a handler here fails on purpose.
 */
@TestPropertySource(properties = "ledger.test.context=report-processor-errors")
class ReportProcessorSurvivesErrorsTest extends LedgerIntegrationTest {

    @Autowired
    AgreementLedger ledger;
    @Autowired
    ReportProcessor processor;
    @Autowired
    FailsOnceWithAnError failing;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aBatchThatFailsWithAnErrorIsRetriedAndTheReportsCatchUp() {
        String agency = uniqueAgency("Error");
        failing.agency.set(agency);

        String id = ledger.sign(signing(agency, SupportModel.TFM, LocalDate.of(2025, 3, 4)));
        // later events too: the processor must go on past the failed batch, not just retry it
        String after = ledger.sign(signing(uniqueAgency("After"), SupportModel.JEM, LocalDate.of(2025, 3, 5)));

        processor.awaitCaughtUp(Duration.ofSeconds(60));
        assertThat(failing.errorsThrown).as("the handler failed with an Error once").hasValue(1);
        assertThat(failing.deliveries).as("the failed event was delivered again").hasValueGreaterThanOrEqualTo(2);
        assertThat(publishedRows(id)).as("report rows of the event whose batch failed").isPositive();
        assertThat(publishedRows(after)).as("report rows of a later event").isPositive();
    }

    private long publishedRows(String agreementId) {
        return jdbc.queryForObject("select count(*) from report_agreement_version where agreement_id = ?"
                + " and generation = (select published from report_generation where id = 1)", Long.class, agreementId);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FailingHandler {

        @Bean
        FailsOnceWithAnError failsOnceWithAnError() {
            return new FailsOnceWithAnError();
        }
    }

    /** In the report processor beside the projection: fails the first delivery of one agency's signing. */
    @ProcessingGroup(ReportProcessor.NAME)
    static class FailsOnceWithAnError {

        final AtomicReference<String> agency = new AtomicReference<>();
        final AtomicInteger deliveries = new AtomicInteger();
        final AtomicInteger errorsThrown = new AtomicInteger();

        @EventHandler
        void on(AgreementSigned event) {
            if (!event.agencyName().equals(agency.get())) {
                return;
            }
            if (deliveries.incrementAndGet() == 1) {
                errorsThrown.incrementAndGet();
                throw new AssertionError("pgStatement.getConnection().getAutoCommit() should not throw");
            }
        }
    }
}
