package org.agreementledger.bench;

import static org.agreementledger.bench.BenchMain.round;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a single append's CPU goes (issue 18): a JFR recording of execution samples over a step of
 * the open-loop load (or of the import's append), beside the CPU time the JVM and PostgreSQL's
 * processes used meanwhile. Each sample is put in one stage by its thread and its stack (see
 * {@link #FRAMES} for which stage wins when several frames name one). The JVM's CPU is then
 * split by the stages' shares of the samples; GC and JIT threads are not sampled, so their time is
 * spread in proportion. PostgreSQL's CPU (the INSERTs, their triggers and the commits, the listing
 * and the report processor's writes) is measured from /proc, per process of the server.
 */
final class StageProfile {

    /** A stage's share of the samples, and the JVM CPU that share stands for, per command. */
    record Stage(String name, long samples, double share, double jvmCpuMsPerCommand) {
    }

    /** The profile of one step. */
    record Profile(long commands, double seconds, double jvmCpuMsPerCommand, double postgresCpuMsPerCommand,
                   double lowPriorityCpuMsPerCommand, long samples, List<Stage> stages, String meaning) {
    }

    /**
     * Stages in order of precedence: a sample goes to the first stage any frame of its stack names, so
     * the listing projection's statements are the listing's, an aggregate's event reads its load's,
     * and the store's INSERT (JDBC under the unit of work's commit) is JDBC.
     */
    private static final String[][] FRAMES = {
            {"listing projection (current_agreement)", "org.agreementledger.listing."},
            {"aggregate or batch decision (create or load, decide, apply)", "org.agreementledger.agreement.Agreement.",
                    "org.agreementledger.agreement.AgreementState", "org.agreementledger.agreement.AgreementBatch",
                    "org.axonframework.eventsourcing.EventSourcingRepository", "org.axonframework.modelling."},
            {"serialisation (JSON, Axon serializer)", "com.fasterxml.jackson.", "org.axonframework.serialization."},
            {"JDBC (the store's INSERT, statements, pool; the server's side is PostgreSQL CPU)", "org.postgresql.",
                    "com.zaxxer.hikari.", "org.springframework.jdbc.", "org.axonframework.eventsourcing.eventstore.jdbc."},
            // not AcknowledgedWrites itself: its frame wraps the whole command, which the stages below split
            {"acknowledgement (waiting for the reports)", "org.agreementledger.reporting.ReportProcessor.await",
                    "org.agreementledger.reporting.ReportProcessor.reportPosition",
                    "org.agreementledger.eventstore.AppendedEvents"},
            {"unit of work, event bus, transactions", "org.axonframework.messaging.", "org.axonframework.eventhandling.",
                    "org.springframework.transaction.", "org.agreementledger.eventstore."},
            {"gateway and command bus", "org.axonframework.commandhandling.", "org.agreementledger.agreement.AgreementLedger"},
            {"import batch (AtomicAppender)", "org.agreementledger.importing."},
    };

    private final long postmaster;
    private Recording recording;
    private long jvmCpuStart;
    private long postgresCpuStart;
    private long lowPriorityCpuStart;
    private long started;

    /** @param postmaster the PostgreSQL server's process id (its processes are its children) */
    StageProfile(long postmaster) {
        this.postmaster = postmaster;
    }

    /** @param period JFR's sampling period, or null for the CPU figures alone (no recording, no stages) */
    void start(Duration period) {
        if (period != null) {
            recording = new Recording();
            recording.enable("jdk.ExecutionSample").withPeriod(period);
            recording.start();
        }
        started = System.nanoTime();
        jvmCpuStart = jvmCpuNanos();
        postgresCpuStart = postgresCpuNanos();
        lowPriorityCpuStart = lowPriorityCpuNanos();
    }

    /** @param commands what the CPU is divided by: commands, or events for the import's append */
    Profile stop(long commands) throws IOException {
        long jvmCpu = jvmCpuNanos() - jvmCpuStart;
        long postgresCpu = postgresCpuNanos() - postgresCpuStart;
        long lowPriorityCpu = lowPriorityCpuNanos() - lowPriorityCpuStart;
        double seconds = Bench.seconds(started);
        if (recording == null) {
            return new Profile(commands, round(seconds, 2), round(jvmCpu / 1e6 / commands, 3),
                    round(postgresCpu / 1e6 / commands, 3), round(lowPriorityCpu / 1e6 / commands, 3), 0, List.of(),
                    "CPU ms per command, not sampled by stage");
        }
        recording.stop();
        Path file = Files.createTempFile("ledger-bench-", ".jfr");
        try {
            recording.dump(file);
            recording.close();
            Map<String, Long> byStage = new LinkedHashMap<>();
            long samples = 0;
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName())) {
                    continue;
                }
                samples++;
                byStage.merge(stage(event), 1L, Long::sum);
            }
            List<Stage> stages = new ArrayList<>();
            long all = Math.max(1, samples);
            byStage.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> stages.add(new Stage(e.getKey(), e.getValue(), round(e.getValue() / (double) all, 3),
                            round(jvmCpu / 1e6 / commands * e.getValue() / all, 3))));
            return new Profile(commands, round(seconds, 2), round(jvmCpu / 1e6 / commands, 3),
                    round(postgresCpu / 1e6 / commands, 3), round(lowPriorityCpu / 1e6 / commands, 3), samples, stages,
                    "CPU ms per command: the JVM's (process CPU time, split by JFR execution samples by"
                            + " stage), of it its threads at a lowered priority (the snapshot's fold; utime + stime,"
                            + " /proc), and PostgreSQL's (utime + stime of the server's processes, /proc)");
        } finally {
            String keep = System.getProperty("bench.keepJfr"); // a directory: the recording is kept there
            if (keep != null) {
                Files.createDirectories(Path.of(keep));
                Files.move(file, Path.of(keep).resolve(file.getFileName()));
            } else {
                Files.deleteIfExists(file);
            }
        }
    }

    private static String stage(RecordedEvent sample) {
        String thread = sample.getThread("sampledThread") == null ? ""
                : String.valueOf(sample.getThread("sampledThread").getJavaName());
        if (thread.contains("agreement-reports")) {
            return "report processor (its threads)";
        }
        if (thread.startsWith("report-snapshot-fold")) {
            return "report snapshot fold (background, low priority)";
        }
        if (thread.startsWith("report-snapshot")) {
            return "report snapshot reload";
        }
        RecordedStackTrace stack = sample.getStackTrace();
        if (stack == null) {
            return "other";
        }
        int best = FRAMES.length;
        for (RecordedFrame frame : stack.getFrames()) {
            String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
            for (int stage = 0; stage < best; stage++) {
                for (int i = 1; i < FRAMES[stage].length; i++) {
                    if (name.startsWith(FRAMES[stage][i])) {
                        best = stage;
                        break;
                    }
                }
            }
        }
        if (best < FRAMES.length) {
            return FRAMES[best][0];
        }
        return thread.startsWith("bench-client") ? "bench client (scheduling)" : "other (" + thread.replaceAll("\\d+",
                "N") + ")";
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** utime + stime of the postmaster and its children, in ns (clock ticks of 10 ms). */
    private long postgresCpuNanos() {
        long ticks = 0;
        for (Path dir : serverProcesses(postmaster)) {
            try {
                String[] fields = statFields(dir.resolve("stat"));
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException gone) {
                // the process ended meanwhile
            }
        }
        return ticks * 10_000_000L;
    }

    /** The /proc directories of the postmaster and its children, as they are now. */
    static List<Path> serverProcesses(long postmaster) {
        List<Path> found = new ArrayList<>();
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) processes::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (pid == postmaster || parentOf(pid) == postmaster) {
                    found.add(dir);
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    /**
     * utime + stime of this JVM's threads at a niceness above 0, in ns: the snapshot's fold runs so
     * (reporting.BackgroundPriority). JFR samples a thread in Java code whether or not a core runs
     * it at that moment, so its share of the samples can overstate what a starved thread used; this
     * is what the kernel counted.
     */
    private static long lowPriorityCpuNanos() {
        long ticks = 0;
        try (var threads = Files.list(Path.of("/proc/self/task"))) {
            for (Path dir : (Iterable<Path>) threads::iterator) {
                try {
                    String[] fields = statFields(dir.resolve("stat"));
                    if (Long.parseLong(fields[16]) > 0) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * 10_000_000L;
    }

    /** The postmaster of the server {@code backend} (a backend's process id) runs in, from /proc. */
    static long parentOf(long backend) {
        try {
            return Long.parseLong(statFields(Path.of("/proc", Long.toString(backend), "stat"))[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * A /proc stat line's fields after the command name (which may hold spaces and parentheses):
     * [0] is the state, [1] the parent, [11] and [12] utime and stime in clock ticks, [16] the niceness.
     */
    private static String[] statFields(Path stat) throws IOException {
        String line = Files.readString(stat);
        return line.substring(line.lastIndexOf(')') + 2).split(" ");
    }
}
