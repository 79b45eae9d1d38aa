package org.agreementledger.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.agreementledger.database.LedgerDatabaseProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A served ledger that has never had a token would accept no append over HTTP. On that first
 * start (no token ever created, none configured in {@code LEDGER_ARCHIVIST_TOKEN}) an archivist
 * token is made and written once to a file only its owner can read: inside the data directory,
 * or with an external PostgreSQL (no data directory) to {@code ledger.security.first-token-file}.
 * The file is created new, never overwritten; the secret is not logged.
 */
@Component
@ConditionalOnWebApplication
class FirstArchivistToken {

    private static final Logger log = LoggerFactory.getLogger(FirstArchivistToken.class);
    static final String FILE_NAME = "archivist-token";

    private final ApiTokens tokens;
    private final String configuredToken;
    private final String firstTokenFile;
    private final LedgerDatabaseProperties database;

    FirstArchivistToken(ApiTokens tokens, @Value("${ledger.security.archivist-token:}") String configuredToken,
                        @Value("${ledger.security.first-token-file:}") String firstTokenFile,
                        LedgerDatabaseProperties database) {
        this.tokens = tokens;
        this.configuredToken = configuredToken;
        this.firstTokenFile = firstTokenFile;
        this.database = database;
    }

    @EventListener(ApplicationStartedEvent.class)
    void createOnFirstStart() {
        if (!configuredToken.isBlank() || tokens.anyEverCreated()) {
            return;
        }
        Path file = file().toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
            createOwnerOnly(file);
        } catch (FileAlreadyExistsException e) {
            log.warn("No API token exists, but {} is already there and is not overwritten: create one with"
                    + " `bin/ledger token create --role archivist`", file);
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + file + " for the first archivist token", e);
        }
        IssuedToken issued = tokens.create(Role.ARCHIVIST, "first archivist (generated on first start)");
        try {
            Files.writeString(file, issued.text() + System.lineSeparator(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            tokens.revoke(issued.token().id());
            throw new UncheckedIOException("could not write the first archivist token to " + file, e);
        }
        log.warn("This ledger had no API token: created archivist token {} and wrote it to {} (readable by its"
                + " owner only). Keep it somewhere safe and delete the file.", issued.token().id(), file);
    }

    private Path file() {
        if (!firstTokenFile.isBlank()) {
            return Path.of(firstTokenFile);
        }
        return database.external() ? Path.of("ledger-first-archivist-token") : database.dataDir().resolve(FILE_NAME);
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
            var f = file.toFile();
            f.setReadable(false, false);
            f.setReadable(true, true);
            f.setWritable(false, false);
            f.setWritable(true, true);
        }
    }
}
