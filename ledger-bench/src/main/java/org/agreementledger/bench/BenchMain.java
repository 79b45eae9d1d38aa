package org.agreementledger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark driver: {@code BenchMain --size N [--out bench/results.json] [--queries 500] [--seed 1]}.
 * Generates a demo history of N agreements, loads it into an embedded PostgreSQL in a temporary
 * data directory, measures each figure beside its same-run baseline, prints a table on stdout and
 * adds the run to the results file (replacing an earlier run of the same size). Progress on stderr.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        long size = 10_000;
        int queries = 500;
        long seed = 1;
        Path out = Path.of("bench", "results.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: BenchMain --size N [--out FILE] [--queries Q] [--seed S]");
                    System.exit(2);
                }
            }
        }
        int status = 0;
        try {
            Map<String, Object> run = run(size, queries, seed);
            record(out, run);
            System.out.println(Table.of(run));
            System.err.println("results in " + out.toAbsolutePath());
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // Axon and the pool leave threads behind; the context is closed already
    }

    /** One run at one size: every figure, the size, the date and the machine. */
    public static Map<String, Object> run(long size, int queries, long seed) throws Exception {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("size", size);
        run.put("seed", seed);
        run.put("date", Instant.now().toString());
        run.put("machine", machine());
        long started = System.nanoTime();
        try (Bench bench = new Bench(size, queries, seed)) {
            run.put("figures", bench.measure());
        }
        run.put("totalSeconds", round((System.nanoTime() - started) / 1e9, 1));
        return run;
    }

    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() / 1048576);
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        String host = System.getenv("BENCH_HOST");
        if (host != null) {
            machine.put("host", host);
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    machine.put("memoryMb", Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    machine.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: cores and heap are enough
        }
        return machine;
    }

    /** Adds the run to the file's runs, replacing one of the same size. */
    @SuppressWarnings("unchecked")
    static void record(Path out, Map<String, Object> run) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<Map<String, Object>> runs = new ArrayList<>();
        if (Files.exists(out)) {
            Map<String, Object> earlier = json.readValue(out.toFile(), Map.class);
            for (Map<String, Object> r : (List<Map<String, Object>>) earlier.getOrDefault("runs", List.of())) {
                if (((Number) r.get("size")).longValue() != ((Number) run.get("size")).longValue()) {
                    runs.add(r);
                }
            }
        }
        runs.add(run);
        runs.sort((a, b) -> Long.compare(((Number) a.get("size")).longValue(), ((Number) b.get("size")).longValue()));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("about", "ledger-bench (bench/run): each figure beside its baseline measured in the same run;"
                + " rates in events or rows per second, latencies in ms, heap in MB");
        document.put("runs", runs);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        json.writeValue(out.toFile(), document);
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
