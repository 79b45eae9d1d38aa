package org.agreementledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.agreementledger.database.DatabaseAvailability;
import org.agreementledger.database.LedgerDatabaseProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The database-outage answer goes first, before Spring Security's filters (which read tokens from it). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OutageWebConfiguration {

    @Bean
    FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(DatabaseAvailability availability,
                                                                      LedgerDatabaseProperties database,
                                                                      ObjectMapper json) {
        FilterRegistrationBean<DatabaseOutageFilter> registration = new FilterRegistrationBean<>(
                new DatabaseOutageFilter(availability, database.supervision().retryAfter(), json));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}
