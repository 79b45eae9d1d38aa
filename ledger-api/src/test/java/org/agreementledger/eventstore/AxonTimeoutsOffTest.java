package org.agreementledger.eventstore;

import static org.agreementledger.testing.TestAgreements.signing;
import static org.agreementledger.testing.TestAgreements.uniqueAgency;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.agreementledger.api.SupportModel;
import org.agreementledger.testing.LedgerIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Axon's timeouts stay off (application.yml says why): a command sent inside a root unit of work,
 * as an import sends them, leaves no time limit in it for Axon's janitor to enforce on this thread
 * later, however the unit of work ends.
 */
class AxonTimeoutsOffTest extends LedgerIntegrationTest {

    @Autowired
    CommandGateway commands;

    @Test
    void aCommandInAnImportsUnitOfWorkLeavesNoTimeLimitBehind() {
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
        try {
            commands.sendAndWait(signing(uniqueAgency("Timeouts"), SupportModel.WSO, LocalDate.of(2025, 2, 3)));
            assertThat(root.resources().keySet()).as("what the command left in the root unit of work")
                    .noneMatch(key -> key.contains("TimeLimit"));
        } finally {
            root.rollback();
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
