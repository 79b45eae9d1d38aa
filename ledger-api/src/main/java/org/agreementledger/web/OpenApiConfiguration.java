package org.agreementledger.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's cover: served at /v3/api-docs, browsable at /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI ledgerOpenApi() {
        return new OpenAPI().info(new Info().title("Agreement Ledger API")
                .description("The history of ICE's 287(g) agreements: reports (counts over time, the agreements in"
                        + " force, published figures reconciled), agreements and agencies with their histories, and"
                        + " appends (bearer token). Dates are YYYY-MM-DD; knownAt defaults to today. Every error is"
                        + " an RFC 9457 problem document naming the parameter in `field`. On a ledger holding"
                        + " synthetic data, JSON objects carry \"synthetic\": true and a \"notice\", CSV a first"
                        + " '#' line.")
                .version("0.1").license(new License().name("Public government data; code: see repository")));
    }
}
