package org.agreementledger.visibility;

import org.agreementledger.reporting.ReportProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Which reads say which position of the ledger they reflect, and from where they read it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class VisibilityWebConfiguration implements WebMvcConfigurer {

    private final ReportProcessor reports;

    VisibilityWebConfiguration(ReportProcessor reports) {
        this.reports = reports;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LedgerPositionInterceptor(reports, LedgerPositionInterceptor.Source.REPORT_TABLES))
                .addPathPatterns("/api/reports/**", "/api/agreements");
        registry.addInterceptor(new LedgerPositionInterceptor(reports, LedgerPositionInterceptor.Source.EVENT_STORE))
                .addPathPatterns("/api/agencies/**", "/api/agreements/*/history");
    }
}
