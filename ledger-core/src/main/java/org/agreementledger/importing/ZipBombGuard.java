package org.agreementledger.importing;

import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * POI's zip-bomb limits, which are JVM-wide statics. We only ever tighten them, so another
 * part of the application that chose stricter limits keeps them.
 *
 * <p>ICE's real sheets inflate about 5 to 12 times (sheet XML ~0.17 compressed/expanded, hyperlink
 * relationships ~0.08), far from the 100-fold at which POI calls it a bomb. 512 MiB per part
 * allows a sheet of about a million rows, twenty times anything ICE has posted.
 */
final class ZipBombGuard {

    /** Compressed/expanded ratio under which a part is taken for a zip bomb (POI's default). */
    static final double MIN_INFLATE_RATIO = 0.01;
    static final long MAX_ENTRY_SIZE = 512L * 1024 * 1024;

    private ZipBombGuard() {
    }

    static synchronized void install() {
        if (ZipSecureFile.getMinInflateRatio() < MIN_INFLATE_RATIO) {
            ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        }
        if (ZipSecureFile.getMaxEntrySize() > MAX_ENTRY_SIZE) {
            ZipSecureFile.setMaxEntrySize(MAX_ENTRY_SIZE);
        }
    }

    /** True if POI's complaint somewhere in the cause chain is about a zip bomb. */
    static boolean isZipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("zip bomb")) {
                return true;
            }
        }
        return false;
    }
}
