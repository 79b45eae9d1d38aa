package org.agreementledger.watching;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code ledger.watch} in application.yml: where ICE's page and the Wayback Machine are, how politely
 * to ask them, and where the lists fetched are kept (see docs/watching.md).
 *
 * @param enabled     whether {@code serve} runs the watch itself, every {@code every}
 * @param every       how often {@code serve} checks ICE's page
 * @param page        ICE's 287(g) page, which links the participating and pending lists
 * @param manifest    the archive's manifest: fetched lists are stored in its directory's {@code files/}
 *                    and a line appended to it (by default ICE's archive, which serve imports on start)
 * @param userAgent   how every request names the project
 * @param minInterval the least time between two requests to a server
 * @param attempts    tries of a request that fails for the server's sake (a 5xx, 429, a dropped connection)
 * @param backoff     the wait before the second try, doubled before each later one
 * @param timeout     how long one request may take
 * @param maxFileSize a larger list is refused (ICE's are well under 1 MB)
 * @param wayback     the Wayback Machine, for {@code backfill --wayback}
 */
@ConfigurationProperties("ledger.watch")
public record WatchProperties(boolean enabled, Duration every, URI page, Path manifest, String userAgent,
                              Duration minInterval, int attempts, Duration backoff, Duration timeout,
                              DataSize maxFileSize, Wayback wayback) {

    /**
     * @param cdx       the CDX API that lists captures
     * @param web       where a capture's bytes are, as {@code <web><timestamp>id_/<original>}
     * @param lists     the URL prefix under which ICE posts its lists (captures listed by prefix)
     */
    public record Wayback(URI cdx, String web, String lists) {
    }
}
