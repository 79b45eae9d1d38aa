package org.agreementledger.web;

import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tomcat's own refusals answer with problem documents too (see {@link ProblemErrorReportValve}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class TomcatConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemDocumentsFromTomcat() {
        // Boot's own customizer (which runs first) puts a plain ErrorReportValve on the host; replace it
        return factory -> factory.addContextCustomizers(context -> {
            var pipeline = context.getParent().getPipeline();
            for (var valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new ProblemErrorReportValve());
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
