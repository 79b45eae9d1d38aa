package org.agreementledger.readiness;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Which reads wait for the ledger to be ready: before any other interceptor, so nothing is read first. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ReadinessWebConfiguration implements WebMvcConfigurer {

    private final LedgerReadiness readiness;
    private final Duration retryAfter;

    ReadinessWebConfiguration(LedgerReadiness readiness,
                              @Value("${ledger.readiness.retry-after:5s}") Duration retryAfter) {
        this.readiness = readiness;
        this.retryAfter = retryAfter;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LoadingGate(readiness, retryAfter))
                .addPathPatterns("/api/reports/**", "/api/agreements", "/api/agreements/**", "/api/agencies/**")
                .order(Ordered.HIGHEST_PRECEDENCE);
    }
}
