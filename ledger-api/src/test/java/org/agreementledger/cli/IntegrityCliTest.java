package org.agreementledger.cli;

import static org.agreementledger.cli.CommandLineRuns.ledger;

import org.agreementledger.cli.CommandLineRuns.Run;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.agreementledger.testing.LedgerDatabaseExtension.TestDatabase;
import org.agreementledger.testing.TestAgreements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code digest}, {@code verify} and {@code token} on the command line, each test on a ledger of
 * its own: exit 0 verified, 1 tampering found with the position named, 2 bad input.
 */
@ExtendWith(LedgerDatabaseExtension.class)
class IntegrityCliTest {

    private TestDatabase database;

    @BeforeEach
    void database() {
        database = CommandLineRuns.useNewDatabase();
    }

    @AfterEach
    void forgetDatabase() {
        CommandLineRuns.forgetDatabase();
    }

    private static void sign() {
        Run sign = ledger("append", "sign", "--state", "AL", "--agency-name", TestAgreements.uniqueAgency("Cli"),
                "--model", "JEM", "--signed-on", "2025-01-02", "--known-on", "2025-05-16", "--source-title", "Gazette");
        assertThat(sign.exitCode()).as(sign.err()).isZero();
    }

    private void asHostileDba(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
            statement.execute(sql);
        }
    }

    @Test
    void digestThenVerifyProvesTheDigestAPrefix() {
        Run empty = ledger("digest");
        assertThat(empty.exitCode()).as(empty.err()).isZero();
        assertThat(empty.out().strip()).isEqualTo("0".repeat(64) + "@0");
        sign();
        sign();
        Run digest = ledger("digest");
        String handedOut = digest.out().strip();
        assertThat(handedOut).matches("[0-9a-f]{64}@2");
        sign();

        Run verify = ledger("verify", "--digest", handedOut);

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("VERIFIED: 3 links recomputed from the stored events; the chain is intact")
                .contains("digest " + handedOut + ": PREFIX PROVED");
        assertThat(verify.err()).as("the progress bar").contains("verify").contains("3/3");
    }

    @Test
    void tamperingExitsOneNamingThePosition() throws SQLException {
        sign();
        sign();
        String handedOut = ledger("digest").out().strip();
        sign();
        asHostileDba("update domainevententry set payload = convert_to('{\"agencyName\":\"Rewritten\"}', 'UTF8')"
                + " where globalindex = (select globalindex from ledger_chain where position = 2)");

        Run verify = ledger("verify", "--digest", handedOut);

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("TAMPERED: first at position 2: CHANGED")
                .contains("1 findings in 3 links")
                .contains("digest " + handedOut + ": NOT A PREFIX");
    }

    @Test
    void aMalformedDigestIsBadInput() {
        for (String bad : new String[] {"abc@1", "0".repeat(64), "0".repeat(64) + "@-1", "'; drop table x; --"}) {
            Run verify = ledger("verify", "--digest", bad);
            assertThat(verify.exitCode()).as(bad).isEqualTo(2);
            assertThat(verify.err()).contains("--digest (digest)").contains("HASH@POSITION");
        }
    }

    @Test
    void tokensAreCreatedListedAndRevoked() {
        Run created = ledger("token", "create", "--role", "auditor", "--name", "Jane's laptop");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String token = created.out().strip();
        assertThat(token).matches("[a-z0-9]{12}\\.[A-Za-z0-9_-]{43}");
        String id = token.substring(0, 12);
        assertThat(created.err()).contains("created auditor token " + id).contains("only this once");

        Run list = ledger("token", "list");
        assertThat(list.out()).contains(id).contains("auditor").contains("Jane's laptop").doesNotContain(token);

        Run revoked = ledger("token", "revoke", id);
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("revoked auditor token " + id);
        assertThat(ledger("token", "list").out()).containsPattern(id + "\\s+auditor\\s+\\S+\\s+\\d{4}-");

        assertThat(ledger("token", "create", "--role", "admin").exitCode()).isEqualTo(2);
        assertThat(ledger("token", "create", "--role", "admin").err()).contains("--role (role): unknown role 'admin'");
        Run unknown = ledger("token", "revoke", "ffffffffffff");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no token 'ffffffffffff'");
    }
}
