package org.agreementledger.cli;

import java.util.ArrayList;
import java.util.List;
import org.agreementledger.LedgerApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the application for one command: without a web server, quietly, on the chosen ledger. */
final class LedgerContext {

    private LedgerContext() {
    }

    static ConfigurableApplicationContext start(DatabaseOptions database, WebApplicationType web, String... extra) {
        List<String> arguments = new ArrayList<>(database.springArguments());
        arguments.addAll(List.of(extra));
        if (web == WebApplicationType.NONE) {
            // the command's own output is what the person asked for; start-up chatter is not
            arguments.add("--logging.level.org.agreementledger=warn");
            arguments.add("--logging.level.org.springframework.boot.web.embedded.tomcat=warn");
        }
        return new SpringApplicationBuilder(LedgerApplication.class)
                .web(web)
                .logStartupInfo(web != WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new));
    }
}
