package org.agreementledger.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.agreementledger.reporting.SegmentBalancer;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerDatabaseProperties.class)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);
    /** PostgreSQL's unique_violation: two appends claimed the same (aggregate, sequence). */
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean(destroyMethod = "close")
    EmbeddedPostgresHolder embeddedDatabase(LedgerDatabaseProperties properties) {
        if (properties.external()) {
            return new EmbeddedPostgresHolder(null);
        }
        log.info("Starting the embedded PostgreSQL in {}", properties.dataDir().toAbsolutePath().normalize());
        return new EmbeddedPostgresHolder(SupervisedPostgres.start(properties.dataDir(),
                properties.embeddedMaxConnections(), properties.embeddedSettings()));
    }

    /** The embedded PostgreSQL is restarted when it dies; an external one is its operator's to run. */
    @Bean
    DatabaseSupervisor databaseSupervisor(EmbeddedPostgresHolder embedded, DataSource dataSource,
                                          DatabaseAvailability availability, LedgerDatabaseProperties properties) {
        return dataSource instanceof SupervisedDataSource supervised ? new DatabaseSupervisor(embedded.postgres(),
                supervised.pool(), availability, properties.supervision(), System::exit) : null;
    }

    /** The pool; on the embedded PostgreSQL, one that refuses at once while it is down ({@link SupervisedDataSource}). */
    @Bean(destroyMethod = "close")
    DataSource dataSource(LedgerDatabaseProperties properties, EmbeddedPostgresHolder embedded,
                          DatabaseAvailability availability) {
        HikariDataSource pool = pool(properties, embedded);
        return embedded.postgres() == null ? pool : new SupervisedDataSource(pool, embedded.postgres(), availability);
    }

    private static HikariDataSource pool(LedgerDatabaseProperties properties, EmbeddedPostgresHolder embedded) {
        HikariConfig config = new HikariConfig();
        if (properties.external()) {
            config.setJdbcUrl(properties.url());
            config.setUsername(properties.user());
            config.setPassword(properties.password());
        } else {
            config.setJdbcUrl(embedded.postgres().jdbcUrl("postgres"));
        }
        // names this instance to the server: instances sharing a database count each other by it
        config.addDataSourceProperty("ApplicationName", SegmentBalancer.applicationName());
        // pgjdbc sends a JDBC batch of INSERTs (Axon's events of one unit of work) as multi-row
        // INSERTs, so the chain's statement trigger (since V8 it notes the rows, linked at commit) runs
        // once per up to 128 rows, not per row
        config.addDataSourceProperty("reWriteBatchedInserts", Boolean.toString(properties.rewriteBatchedInserts()));
        config.setMaximumPoolSize(properties.poolSize());
        config.setConnectionTimeout(properties.connectionTimeout().toMillis());
        config.setPoolName("ledger");
        return new HikariDataSource(config);
    }

    /**
     * pgjdbc never throws SQLIntegrityConstraintViolationException, so Axon's default resolver
     * would report a lost race as a generic store failure; by SQL state it is a conflict.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    /** Lets the DataSource close before PostgreSQL stops; holds nothing with an external PostgreSQL. */
    record EmbeddedPostgresHolder(SupervisedPostgres postgres) implements AutoCloseable {
        @Override
        public void close() {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
