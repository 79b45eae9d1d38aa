package org.agreementledger.cli;

import org.agreementledger.testing.LedgerDatabaseExtension;
import org.agreementledger.testing.LedgerDatabaseExtension.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of command-line tests on a ledger of their own class's: a new database, its schema made by
 * starting the ledger, and the row counts the tests compare before and after a command.
 */
@ExtendWith(LedgerDatabaseExtension.class)
abstract class CommandLineLedgerTest {

    static TestDatabase database;

    @BeforeAll
    static void newLedger() {
        database = CommandLineRuns.useNewDatabase();
        CommandLineRuns.migrate();
    }

    @AfterAll
    static void forgetLedger() {
        CommandLineRuns.forgetDatabase();
    }

    static long count(String sql) {
        return CommandLineRuns.count(database, sql);
    }

    static long events() {
        return count("select count(*) from domainevententry");
    }
}
