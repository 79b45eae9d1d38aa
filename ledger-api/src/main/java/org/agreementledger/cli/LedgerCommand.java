package org.agreementledger.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on a ledger and exits (every command but {@code serve} and {@code demo}):
 * it checks its flags, then hands its work to {@link #onLedger}, which starts the application for
 * it, quietly and without a web server, and stops it after, whatever happens.
 */
abstract class LedgerCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    /** What a command does with the started application. */
    @FunctionalInterface
    interface Work<T> {
        T on(ConfigurableApplicationContext context) throws Exception;
    }

    /** Runs the work on the chosen ledger; call it only once every flag is checked, so bad input costs nothing. */
    <T> T onLedger(Work<T> work) throws Exception {
        try (ConfigurableApplicationContext context = LedgerContext.start(database, WebApplicationType.NONE)) {
            return work.on(context);
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A value as indented JSON, written by the application's own mapper, as the HTTP API writes it. */
    static String json(ApplicationContext context, Object value) throws JsonProcessingException {
        return context.getBean(ObjectMapper.class).copy().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(value);
    }
}
