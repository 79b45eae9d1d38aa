package org.agreementledger.importing.app;

import org.agreementledger.importing.ReviewRules;
import org.agreementledger.importing.WorkbookBudget;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The importer's review rules and workbook budget, from {@code ledger.imports} in application.yml. */
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

    /**
     * The budget a workbook may inflate to, set JVM-wide for the reader (as POI's own limits are) when
     * the application starts.
     */
    @Bean
    WorkbookBudget workbookBudget(@Value("${ledger.imports.max-inflated-size}") DataSize total,
                                  @Value("${ledger.imports.max-inflated-part-size}") DataSize part) {
        WorkbookBudget budget = new WorkbookBudget(total.toBytes(), part.toBytes());
        WorkbookBudget.configure(budget);
        return budget;
    }

    @Bean
    java.time.Clock importClock() {
        return java.time.Clock.systemDefaultZone();
    }
}
