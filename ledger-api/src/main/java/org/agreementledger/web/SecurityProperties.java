package org.agreementledger.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The archivist's bearer token ({@code LEDGER_ARCHIVIST_TOKEN}); empty means no HTTP appends. */
@ConfigurationProperties("ledger.security")
record SecurityProperties(String archivistToken) {
}
