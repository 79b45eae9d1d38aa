package org.agreementledger.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.agreementledger.testing.LedgerDatabaseExtension.TestDatabase;

/**
 * Runs {@code bin/ledger}'s commands in process, capturing what they print, against a test
 * database of their own: the command line reads LEDGER_DB_URL through the {@code ledger.db.*}
 * properties, and system properties win over application.yml.
 */
final class CommandLineRuns {

    record Run(int exitCode, String out, String err) {
    }

    private CommandLineRuns() {
    }

    static TestDatabase useNewDatabase() {
        TestDatabase database = LedgerDatabaseExtension.newDatabase();
        System.setProperty("ledger.db.url", database.url());
        System.setProperty("ledger.db.user", database.user());
        if (database.password() != null) {
            System.setProperty("ledger.db.password", database.password());
        }
        return database;
    }

    /**
     * Gives the database the schema the application makes (its SQL and Java migrations), by a command
     * that starts it: for tests that count rows before their first command.
     */
    static void migrate() {
        Run run = ledger("publications");
        if (run.exitCode() != 0) {
            throw new IllegalStateException("could not start the ledger to migrate its schema: " + run.err());
        }
    }

    /** A number the database answers, such as {@code select count(*) from domainevententry}. */
    static long count(TestDatabase database, String sql) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(database.url(), database.user(),
                database.password()); java.sql.ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void forgetDatabase() {
        System.clearProperty("ledger.db.url");
        System.clearProperty("ledger.db.user");
        System.clearProperty("ledger.db.password");
    }

    static Run ledger(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LedgerCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }
}
