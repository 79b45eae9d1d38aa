package org.agreementledger.importing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The importer's review rules, from {@code ledger.imports.review} in application.yml. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportConfiguration.ReviewProperties.class)
class ImportConfiguration {

    /**
     * @param withdrawnShare  a list withdrawing more than this share of the agreements in force is held
     * @param minimumInForce  the share is checked once at least this many agreements are in force
     */
    @ConfigurationProperties("ledger.imports.review")
    record ReviewProperties(double withdrawnShare, int minimumInForce) {
    }

    @Bean
    ReviewRules reviewRules(ReviewProperties properties) {
        return new ReviewRules(properties.withdrawnShare(), properties.minimumInForce());
    }

    @Bean
    java.time.Clock importClock() {
        return java.time.Clock.systemDefaultZone();
    }
}
