package org.agreementledger.eventstore;

import org.agreementledger.reporting.ReportProcessor;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon logs and swallows an event handler's failure by default. For the tables kept in the
 * appending transaction that would let the event in and the table silently miss it; propagating
 * the failure rolls the append back instead. (The report projection keeps Axon's default: with a
 * propagating handler its processor backs off for up to a minute after a database outage, measured
 * by DatabaseCrashDuringRebuildTest. Its handler only collects events; the batch's reads and
 * writes run at prepare-commit, so a failure there fails the batch, token included, and the batch
 * is retried; only a failure folding one agreement's events is logged and that agreement skipped.)
 * The report processor's failed batches, Errors included, are retried: see {@link ErrorsFailTheBatch}.
 */
@Configuration(proxyBeanMethods = false)
class EventProcessingConfiguration {

    static final String CURRENT_AGREEMENTS = "current-agreements";

    @Bean
    ConfigurerModule failAppendsWhoseSubscribersFail() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(CURRENT_AGREEMENTS, c -> PropagatingErrorHandler.instance())
                .registerErrorHandler(CURRENT_AGREEMENTS, c -> PropagatingErrorHandler.instance());
    }

    @Bean
    ConfigurerModule retryReportBatchesThatFailWithAnError() {
        return configurer -> configurer.eventProcessing()
                .registerErrorHandler(ReportProcessor.NAME, c -> ErrorsFailTheBatch.INSTANCE);
    }
}
