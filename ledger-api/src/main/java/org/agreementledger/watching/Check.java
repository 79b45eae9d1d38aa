package org.agreementledger.watching;

import java.time.Instant;
import java.util.List;

/**
 * One run of the watcher ({@code watch}) or of the backfill ({@code backfill}): when, whether it
 * succeeded (it found nothing an operator must act on), and what it found.
 */
public record Check(String job, Instant startedAt, Instant finishedAt, boolean succeeded, String summary,
                    List<Finding> findings) {

    public static final String WATCH = "watch";
    public static final String BACKFILL = "backfill";

    public List<Finding> alerts() {
        return findings.stream().filter(Finding::alert).toList();
    }
}
