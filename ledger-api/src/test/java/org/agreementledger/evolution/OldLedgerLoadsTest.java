package org.agreementledger.evolution;

class OldLedgerLoadsTest {
    static final String DUMP = "ledger-before-capture.sql";
    static final String CHAIN = "ledger-before-capture-chain.csv";
    static final String COUNTS = "ledger-before-capture-counts.txt";
}
