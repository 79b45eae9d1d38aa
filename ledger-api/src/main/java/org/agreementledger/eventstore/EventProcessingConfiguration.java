package org.agreementledger.eventstore;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon logs and swallows an event handler's failure by default. For the tables kept in the
 * appending transaction that would let the event in and the table silently miss it; propagating
 * the failure rolls the append back instead. For the report projection it would skip the event
 * for good; propagating makes the processor retry the batch (with back-off) until it succeeds.
 */
@Configuration(proxyBeanMethods = false)
class EventProcessingConfiguration {

    static final String CURRENT_AGREEMENTS = "current-agreements";
    static final String AGREEMENT_REPORTS = "agreement-reports";

    @Bean
    ConfigurerModule failAppendsWhoseSubscribersFail() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(CURRENT_AGREEMENTS, c -> PropagatingErrorHandler.instance())
                .registerErrorHandler(CURRENT_AGREEMENTS, c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(AGREEMENT_REPORTS, c -> PropagatingErrorHandler.instance());
    }
}
