package org.agreementledger.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The archivist token for automation ({@code LEDGER_ARCHIVIST_TOKEN}; empty: none), and where the
 * token generated on a ledger's first start is written when there is no data directory.
 */
@ConfigurationProperties("ledger.security")
record SecurityProperties(String archivistToken, String firstTokenFile) {
}
