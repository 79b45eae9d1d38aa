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
 *
 * <p>{@code BenchMain --archive [--manifest archive/ice/MANIFEST.csv] [--launcher bin/ledger | --no-serve]
 * [--out bench/results.json]} measures ICE's archive instead ({@link ArchiveBench}): its import into a
 * fresh ledger and the time from {@code bin/ledger serve} to the first page, written to the results
 * file's {@code archive} (replacing an earlier one). {@code bench/run} runs it once, after the sizes.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        long size = 10_000;
        int queries = 500;
        long seed = 1;
        Path out = Path.of("bench", "results.json");
        boolean archive = false;
        Path manifest = Path.of("archive", "ice", "MANIFEST.csv");
        Path launcher = Path.of("bin", "ledger");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--archive" -> archive = true;
                case "--manifest" -> manifest = Path.of(args[++i]);
                case "--launcher" -> launcher = Path.of(args[++i]);
                case "--no-serve" -> launcher = null;
                default -> {
                    System.err.println("usage: BenchMain --size N [--out FILE] [--queries Q] [--seed S]\n"
                            + "       BenchMain --archive [--manifest MANIFEST.csv] [--launcher bin/ledger | --no-serve]"
                            + " [--out FILE]");
                    System.exit(2);
                }
            }
        }
        int status = 0;
        try {
            if (archive) {
                Map<String, Object> run = runArchive(manifest, launcher);
                recordArchive(out, run);
                System.out.println(Table.ofArchive(run));
            } else {
                Run run = run(size, queries, seed);
                record(out, run);
                System.out.println(Table.of(run));
            }
            System.err.println("results in " + out.toAbsolutePath());
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // Axon and the pool leave threads behind; the context is closed already
    }

    /** One run at one size: every figure, each target's verdict, the size, the date and the machine. */
    public static Run run(long size, int queries, long seed) throws Exception {
        String date = Instant.now().toString();
        String loadBefore = loadAverage();
        long started = System.nanoTime();
        Figures figures;
        try (Bench bench = new Bench(size, queries, seed)) {
            figures = bench.measure();
        }
        return new Run(size, seed, date, machine(), figures, Targets.of(size, figures),
                round((System.nanoTime() - started) / 1e9, 1), loadAverages(loadBefore, loadAverage()));
    }

    /**
     * The archive phase, once: ICE's archive imported into a fresh ledger beside reading its files, and
     * (with a launcher) the time from {@code bin/ledger serve} to the first page, fresh and restarted.
     *
     * @param launcher {@code bin/ledger}, or null to leave the served page out
     */
    public static Map<String, Object> runArchive(Path manifest, Path launcher) throws Exception {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("manifest", manifest.toString());
        run.put("date", Instant.now().toString());
        run.put("machine", machine());
        String loadBefore = loadAverage();
        long started = System.nanoTime();
        run.put("figures", new ArchiveBench(manifest, launcher).measure());
        run.put("totalSeconds", round((System.nanoTime() - started) / 1e9, 1));
        run.put("loadAverage", loadAverages(loadBefore, loadAverage()));
        return run;
    }

    /** The 1, 5 and 15-minute load averages ({@code /proc/loadavg}), or null off Linux. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Object> loadAverages(String before, String after) {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("about", "1, 5 and 15-minute load averages (/proc/loadavg) at the start and the end; " + Runtime
                .getRuntime().availableProcessors() + " cores");
        load.put("start", before);
        load.put("end", after);
        return load;
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

    /** Adds the run to the file's runs, replacing one of the same size; the archive's run is kept. */
    @SuppressWarnings("unchecked")
    static void record(Path out, Run run) throws IOException {
        record(out, (Map<String, Object>) new ObjectMapper().convertValue(run, Map.class));
    }

    /** The same for a run already written as a map. */
    @SuppressWarnings("unchecked")
    static void record(Path out, Map<String, Object> run) throws IOException {
        Map<String, Object> earlier = read(out);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) earlier.getOrDefault("runs", List.of())) {
            if (((Number) r.get("size")).longValue() != ((Number) run.get("size")).longValue()) {
                runs.add(r);
            }
        }
        runs.add(run);
        runs.sort((a, b) -> Long.compare(((Number) a.get("size")).longValue(), ((Number) b.get("size")).longValue()));
        write(out, runs, earlier.get("archive"));
    }

    /** Sets the file's archive run, replacing an earlier one; the runs by size are kept. */
    @SuppressWarnings("unchecked")
    static void recordArchive(Path out, Map<String, Object> archive) throws IOException {
        Map<String, Object> earlier = read(out);
        write(out, (List<Map<String, Object>>) earlier.getOrDefault("runs", List.of()), archive);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path out) throws IOException {
        return Files.exists(out) ? new ObjectMapper().readValue(out.toFile(), Map.class) : Map.of();
    }

    private static void write(Path out, List<Map<String, Object>> runs, Object archive) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("about", "ledger-bench (bench/run): each figure beside its baseline measured in the same run;"
                + " rates in events or rows per second, latencies in ms, heap in MB; runs by size of the demo"
                + " history, and archive: ICE's archive imported and served once per bench/run");
        document.put("runs", runs);
        if (archive != null) {
            document.put("archive", archive);
        }
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), document);
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
