package org.agreementledger.reliability;

import java.util.ArrayList;
import java.util.List;
import org.agreementledger.LedgerApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole application in the test JVM, on a PostgreSQL the test names (and may kill). */
final class InProcessLedger {

    private InProcessLedger() {
    }

    static ConfigurableApplicationContext start(String url, WebApplicationType web, String... extra) {
        return start(url, "postgres", "", web, extra);
    }

    static ConfigurableApplicationContext start(String url, String user, String password, WebApplicationType web,
                                                String... extra) {
        List<String> arguments = new ArrayList<>(List.of("--ledger.db.url=" + url, "--ledger.db.user=" + user,
                "--ledger.db.password=" + (password == null ? "" : password), "--ledger.security.archivist-token=" + ARCHIVIST_TOKEN));
        if (web == WebApplicationType.SERVLET) {
            arguments.add("--server.port=0");
        }
        arguments.addAll(List.of(extra));
        return new SpringApplicationBuilder(LedgerApplication.class).web(web).logStartupInfo(false)
                .run(arguments.toArray(String[]::new));
    }

    static final String ARCHIVIST_TOKEN = "reliability-archivist-token";
}
