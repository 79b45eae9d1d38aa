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
    EmbeddedLedgerDatabaseHolder embeddedDatabase(LedgerDatabaseProperties properties) {
        if (properties.external()) {
            return new EmbeddedLedgerDatabaseHolder(null);
        }
        log.info("Starting the embedded PostgreSQL in {}", properties.dataDir().toAbsolutePath().normalize());
        return new EmbeddedLedgerDatabaseHolder(
                EmbeddedLedgerDatabase.start(properties.dataDir(), properties.embeddedMaxConnections()));
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(LedgerDatabaseProperties properties, EmbeddedLedgerDatabaseHolder embedded) {
        HikariConfig config = new HikariConfig();
        if (properties.external()) {
            config.setJdbcUrl(properties.url());
            config.setUsername(properties.user());
            config.setPassword(properties.password());
        } else {
            config.setJdbcUrl(embedded.database().jdbcUrl("postgres"));
        }
        // names this instance to the server: instances sharing a database count each other by it
        config.addDataSourceProperty("ApplicationName", SegmentBalancer.applicationName());
        // pgjdbc sends a JDBC batch of INSERTs (Axon's events of one unit of work) as multi-row
        // INSERTs, so the per-statement chain trigger (V6) runs once per up to 128 rows, not per row
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

    /** Lets the DataSource close before PostgreSQL stops. */
    record EmbeddedLedgerDatabaseHolder(EmbeddedLedgerDatabase database) implements AutoCloseable {
        @Override
        public void close() {
            if (database != null) {
                database.close();
            }
        }
    }
}
