package org.agreementledger.importing.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.agreementledger.LedgerApplication;
import org.agreementledger.api.ChangeSupportModel;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.CorrectableField;
import org.agreementledger.api.ReinstateAgreement;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.Source;
import org.agreementledger.api.SourceKind;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.api.WithdrawAgreement;
import org.agreementledger.api.WithdrawalReason;
import org.agreementledger.demo.DemoHistory;
import org.agreementledger.progress.Progress;
import org.agreementledger.testing.LedgerDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The listing a transaction leaves does not depend on how many events it holds. Within one
 * transaction the listing's writes are sent in rounds, grouped by statement, each row's writes in
 * their order (the listing's BatchedWrites); here a history whose signings, withdrawals and corrections
 * alternate, many of them of agreements signed earlier in the same transaction, is appended into one
 * fresh ledger as one transaction and into another one command a transaction, and both listings must
 * be the same, row for row.
 */
@ExtendWith(LedgerDatabaseExtension.class)
class ListingOfOneTransactionTest {

    private static final String LISTING = "select * from current_agreement order by agreement_id";

    @Test
    void oneTransactionListsWhatOneCommandATransactionLists() {
        DemoHistory history = DemoHistory.of(3, 1_500);
        List<Object> commands = new ArrayList<>();
        for (Iterator<Object> each = history.commands(); each.hasNext(); ) {
            commands.add(each.next());
        }
        commands.addAll(rowsChangedBackAndForth());
        List<Map<String, Object>> inOne;
        try (ConfigurableApplicationContext ledger = startLedger()) {
            ledger.getBean(AtomicAppender.class).appendAll(commands, "one transaction", Progress.NONE);
            JdbcTemplate jdbc = ledger.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from (select aggregateidentifier from domainevententry"
                    + " group by aggregateidentifier having count(*) > 1) amended", Long.class))
                    .as("agreements signed and amended in the one transaction").isGreaterThan(50);
            inOne = jdbc.queryForList(LISTING);
        }
        List<Map<String, Object>> oneByOne;
        try (ConfigurableApplicationContext ledger = startLedger()) {
            AtomicAppender appender = ledger.getBean(AtomicAppender.class);
            for (Object command : commands) {
                appender.appendAll(List.of(command), "one command", Progress.NONE);
            }
            oneByOne = ledger.getBean(JdbcTemplate.class).queryForList(LISTING);
        }
        assertThat(inOne).hasSize(history.agreements() + 2).containsExactlyElementsOf(oneByOne);
        assertThat(inOne).as("withdrawn in the one transaction").anyMatch(row -> !(Boolean) row.get("in_force"));
        assertThat(inOne).filteredOn(row -> row.get("agency_name").toString().startsWith("Back and Forth"))
                .extracting(row -> row.get("in_force"), row -> row.get("county"), row -> row.get("model"))
                .containsExactly(tuple(false, "Third", "TFM"), tuple(true, "Third", "WSO"));
    }

    /**
     * Two agreements whose last state depends on the order of their own writes: withdrawn, reinstated
     * and withdrawn again (and reinstated once), corrected and changed twice. The demo history alone
     * could not tell: its only statements per row (a signing, then a withdrawal or a correction)
     * leave the same row in either order.
     */
    private static List<Object> rowsChangedBackAndForth() {
        Source source = new Source(SourceKind.MANUAL, "listing order test", null, null, null, null);
        LocalDate known = LocalDate.of(2025, 6, 1);
        List<Object> commands = new ArrayList<>();
        for (int twice = 0; twice < 2; twice++) {
            SignAgreement signing = new SignAgreement(UsState.TX, "Back and Forth County Sheriff's Office " + twice,
                    "First", "Sheriff", SupportModel.JEM, LocalDate.of(2025, 1, 1), null, null, known, source);
            String id = signing.agreementId();
            commands.add(signing);
            commands.add(new WithdrawAgreement(id, WithdrawalReason.WITHDRAWN_BY_AGENCY, LocalDate.of(2025, 2, 1),
                    known, source, null));
            commands.add(new CorrectAgreement(id, CorrectableField.county, "First", "Second", null, known, source,
                    null));
            commands.add(new ReinstateAgreement(id, LocalDate.of(2025, 3, 1), known, source, null));
            commands.add(new ChangeSupportModel(id, SupportModel.TFM, LocalDate.of(2025, 3, 1), known, source, null));
            commands.add(new CorrectAgreement(id, CorrectableField.county, "Second", "Third", null, known, source,
                    null));
            if (twice == 0) {
                commands.add(new WithdrawAgreement(id, WithdrawalReason.TERMINATED_BY_ICE, LocalDate.of(2025, 4, 1),
                        known, source, null));
            } else {
                commands.add(new ChangeSupportModel(id, SupportModel.WSO, LocalDate.of(2025, 4, 1), known, source,
                        null));
            }
        }
        return commands;
    }

    private static ConfigurableApplicationContext startLedger() {
        return new SpringApplicationBuilder(LedgerApplication.class).web(WebApplicationType.NONE)
                .logStartupInfo(false).run(LedgerDatabaseExtension.newDatabase().ledgerArguments(
                        "--ledger.security.archivist-token=listing", "--logging.level.root=warn",
                        "--logging.level.org.agreementledger=warn"));
    }
}
