package org.agreementledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.agreementledger.LedgerApplication;
import org.agreementledger.agreement.app.AgreementLedger;
import org.agreementledger.api.Source;
import org.agreementledger.api.SourceKind;
import org.agreementledger.reporting.ReportProcessor;
import org.agreementledger.visibility.AcknowledgedWrites;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On demand, not part of {@code bench/run}: single appends under the open-loop load of the suite's
 * phase, for configurations of the command path side by side, alternating, so a loaded machine loads
 * them alike (issue 18). Each variant is a list of application arguments ({@code --key=value ...},
 * separated by {@code |}; {@code -} for none); each round starts a fresh ledger per variant, warms it
 * up, runs one step at each rate under the stage profile and prints the step and the CPU per append.
 * <pre>
 * java -cp ... org.agreementledger.bench.SingleAppendsAB ROUNDS SECONDS RATE[,RATE...] VARIANT...
 * </pre>
 */
public final class SingleAppendsAB {

    private SingleAppendsAB() {
    }

    public static void main(String[] args) throws Exception {
        try {
            int rounds = Integer.parseInt(args[0]);
            double seconds = Double.parseDouble(args[1]);
            List<Double> rates = new ArrayList<>();
            for (String rate : args[2].split(",")) {
                rates.add(Double.parseDouble(rate));
            }
            for (int round = 1; round <= rounds; round++) {
                for (int v = 3; v < args.length; v++) {
                    measure(round, args[v], seconds, rates);
                }
            }
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            System.exit(0);
        }
    }

    private static void measure(int round, String variant, double seconds, List<Double> rates) throws Exception {
        Path dir = Files.createTempDirectory("ledger-single-ab-");
        List<String> arguments = new ArrayList<>(List.of("--ledger.db.data-dir=" + dir,
                "--spring.main.banner-mode=off", "--logging.level.root=warn", "--logging.level.org.agreementledger=warn",
                "--logging.level.org.axonframework=warn"));
        if (!"-".equals(variant)) {
            arguments.addAll(List.of(variant.split("\\|")));
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(arguments.toArray(String[]::new))) {
            AgreementLedger ledger = context.getBean(AgreementLedger.class);
            AcknowledgedWrites writes = context.getBean(AcknowledgedWrites.class);
            ReportProcessor reports = context.getBean(ReportProcessor.class);
            Source source = new Source(SourceKind.SYNTHETIC, "Benchmark single appends, not real data", null, null,
                    null, null);
            int[] step = {0};
            OpenLoop.Request append = (client, i) -> writes.append(() -> ledger.sign(
                    Clients.signing(source, "AB Step " + step[0], client, i)));
            step[0]++;
            OpenLoop.run(SingleAppendsPhase.CLIENTS, 200, 5, append); // warm-up
            long postmaster = StageProfile.parentOf(context.getBean(JdbcTemplate.class)
                    .queryForObject("select pg_backend_pid()", Long.class));
            for (double rate : rates) {
                reports.awaitCaughtUp(Duration.ofMinutes(5));
                step[0]++;
                StageProfile profile = new StageProfile(postmaster);
                profile.start(Duration.ofMillis(10));
                OpenLoop.Step result = OpenLoop.run(SingleAppendsPhase.CLIENTS, rate, seconds, append);
                StageProfile.Profile cpu = profile.stop(result.sent());
                System.out.printf("round %d variant [%s] %.0f/s offered: %.0f/s achieved, p50 %.2f ms, p99 %.2f ms,"
                                + " %d errors; CPU ms an append: JVM %.3f, PostgreSQL %.3f; load %s%n", round, variant,
                        rate, result.achievedPerSecond(), result.p50Ms(), result.p99Ms(), result.errors(),
                        cpu.jvmCpuMsPerCommand(), cpu.postgresCpuMsPerCommand(), BenchMain.loadAverage());
                for (StageProfile.Stage stage : cpu.stages()) {
                    System.out.printf("    %-60s %.3f ms (%.0f%%)%n", stage.name(), stage.jvmCpuMsPerCommand(),
                            100 * stage.share());
                }
            }
        } finally {
            Bench.delete(List.of(dir));
        }
    }
}
