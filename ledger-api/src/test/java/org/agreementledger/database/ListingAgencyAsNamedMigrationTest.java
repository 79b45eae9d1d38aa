package org.agreementledger.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.agreementledger.LedgerApplication;
import org.agreementledger.api.AgencyId;
import org.agreementledger.api.UsState;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A ledger of before V9 whose listing kept a renamed agreement under the agency it was signed
 * under: starting the application migrates it to the agency of its name, and leaves other rows be.
 */
@ExtendWith(LedgerDatabaseExtension.class)
class ListingAgencyAsNamedMigrationTest {

    private static final String INSERT = "insert into current_agreement (agreement_id, agency_id, state, agency_name,"
            + " model, in_force) values (?, ?, ?, ?, 'JEM', true)";

    @Test
    void aRenamedAgreementMovesToTheAgencyOfItsNameAtStartUp() {
        LedgerDatabaseExtension.TestDatabase database = LedgerDatabaseExtension.newDatabase();
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration").target("8").load().migrate();
        JdbcTemplate before = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                database.url(), nullToEmpty(database.user()), nullToEmpty(database.password())));
        String misspelt = AgencyId.of(UsState.WI, "Mantiowoc County Sheriff's Office");
        String accented = AgencyId.of(UsState.NM, "Dona Ana County Sheriff's Office");
        before.update(INSERT, misspelt + "#JEM#2025-01-02", misspelt, "WI", "Manitowoc County Sheriff's Office");
        before.update(INSERT, accented + "#JEM#2025-01-02", accented, "NM", "Doña Ana County Sheriff’s Office");
        before.update(INSERT, "TX-kept#JEM#2025-01-02", "TX-kept", "TX", "Kept");
        // a name that makes no id (appended before corrected names were held to a signing's rules)
        before.update(INSERT, "TX-unnamed#JEM#2025-01-02", "TX-elsewhere", "TX", "--");

        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .run("--ledger.db.url=" + database.url(), "--ledger.db.user=" + nullToEmpty(database.user()),
                        "--ledger.db.password=" + nullToEmpty(database.password()))) {
            JdbcTemplate jdbc = ledger.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForList("select agency_id from current_agreement order by agreement_id",
                    String.class)).containsExactly(
                    AgencyId.of(UsState.NM, "Doña Ana County Sheriff’s Office"), "TX-kept", "TX-unnamed",
                    AgencyId.of(UsState.WI, "Manitowoc County Sheriff's Office"));
            // V9 ran at this start-up (later versions too: the test is about V9, not about being the last)
            assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where version = '9' and success",
                    Integer.class)).isEqualTo(1);
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
