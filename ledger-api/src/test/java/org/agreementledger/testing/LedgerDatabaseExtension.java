package org.agreementledger.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.agreementledger.database.EmbeddedLedgerDatabase;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.SpringApplication;
import org.springframework.util.FileSystemUtils;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The one place tests choose their PostgreSQL: {@code LEDGER_TEST_DB_URL} (with
 * {@code LEDGER_TEST_DB_USER}, {@code LEDGER_TEST_DB_PASSWORD}) if set; else Testcontainers
 * when a Docker engine answers; else an embedded PostgreSQL 17. One server per test JVM; each
 * Spring context gets a database of its own from {@link #newDatabase()}.
 */
public class LedgerDatabaseExtension implements BeforeAllCallback {

    private static final String DATA_DIR_PREFIX = "ledger-test-postgres-";
    private static final AtomicInteger databases = new AtomicInteger();
    private static Server server;

    /** Connection facts of one database. */
    public record TestDatabase(String url, String user, String password) {

        /** The application's arguments for this database (a user or password it has not, empty), then {@code more}. */
        public String[] ledgerArguments(String... more) {
            List<String> arguments = new ArrayList<>(List.of("--ledger.db.url=" + url,
                    "--ledger.db.user=" + (user == null ? "" : user),
                    "--ledger.db.password=" + (password == null ? "" : password)));
            arguments.addAll(List.of(more));
            return arguments.toArray(String[]::new);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server();
    }

    /** A new, empty database on the chosen server. */
    public static TestDatabase newDatabase() {
        Server chosen = server();
        String name = "ledger_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(chosen.adminUrl(), chosen.user(), chosen.password());
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " on " + chosen.adminUrl(), e);
        }
        return new TestDatabase(chosen.urlOf(name), chosen.user(), chosen.password());
    }

    /** Which server was chosen, for test reports. */
    public static String serverKind() {
        return server().kind();
    }

    private static synchronized Server server() {
        if (server == null) {
            server = choose();
        }
        return server;
    }

    private static Server choose() {
        String url = System.getenv("LEDGER_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new Server("external", url, System.getenv("LEDGER_TEST_DB_USER"),
                    System.getenv("LEDGER_TEST_DB_PASSWORD"));
        }
        if (dockerAnswers()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17");
            container.start();
            stopAfterTheLastContext(container::stop);
            return new Server("testcontainers", container.getJdbcUrl(), container.getUsername(),
                    container.getPassword());
        }
        try {
            removeDirectoriesOfEndedTestJvms();
            Path dataDir = Files.createTempDirectory(DATA_DIR_PREFIX + ProcessHandle.current().pid() + "-");
            // Many Spring contexts may be alive at once in a test JVM, each with its own pool.
            EmbeddedLedgerDatabase embedded = EmbeddedLedgerDatabase.start(dataDir, 400);
            stopAfterTheLastContext(() -> {
                embedded.close();
                deleteQuietly(dataDir);
            });
            return new Server("embedded", embedded.jdbcUrl("postgres"), "postgres", null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A test JVM's server and its data (over a gigabyte after the ledger-api tests) go when it exits;
     * a JVM killed first (Surefire kills a fork that outlives its timeout) leaves them, so each JVM
     * also removes what JVMs no longer running left. The directory names their JVM's process id.
     */
    private static void removeDirectoriesOfEndedTestJvms() throws IOException {
        Pattern name = Pattern.compile(Pattern.quote(DATA_DIR_PREFIX) + "(\\d+)-\\d+");
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            entries.filter(dir -> {
                Matcher matcher = name.matcher(dir.getFileName().toString());
                return matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty();
            }).forEach(LedgerDatabaseExtension::deleteQuietly);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            System.err.println("could not remove the test database directory " + dir + ": " + e);
        }
    }

    /**
     * The cached Spring contexts close when the JVM exits; a plain shutdown hook would stop the
     * server beside them, and every context would then spend its shutdown waiting for connections.
     * Boot runs these handlers after its contexts are closed. (Surefire still kills the ledger-api
     * fork 30 s after System.exit in a full run: some context outlives its database; not found yet.)
     */
    private static void stopAfterTheLastContext(Runnable stop) {
        SpringApplication.getShutdownHandlers().add(stop);
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private record Server(String kind, String adminUrl, String user, String password) {

        /** The same server, another database: swap the path segment of the JDBC URL. */
        String urlOf(String database) {
            int query = adminUrl.indexOf('?');
            String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
            String parameters = query < 0 ? "" : adminUrl.substring(query);
            return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
        }
    }
}
