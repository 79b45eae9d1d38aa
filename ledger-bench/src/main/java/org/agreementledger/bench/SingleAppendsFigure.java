package org.agreementledger.bench;

import java.util.List;

/**
 * Single appends under an open-loop load of {@code clients} clients: each an acknowledged signing
 * (AgreementLedger.sign inside AcknowledgedWrites.append, what the HTTP append runs, without HTTP),
 * its latency from the scheduled instant to the acknowledgement (the reports hold it). The target:
 * at {@value #TARGET_RATE}/s offered, p99 at most {@value #TARGET_P99_MS} ms and no error. The
 * highest rate that holds p99 is found by steps; the baseline is the same load of one plain INSERT a
 * transaction. The profile splits the CPU per command at the target rate by stage, and {@code profileTimes}
 * the same step's requests in time: until committed, then until acknowledged. {@code vacuumSeconds}:
 * the {@code VACUUM (ANALYZE)} run before the steps, so that the first vacuum after the bulk load does
 * not fall inside them; {@code dirtyMbBeforeSync} and {@code syncSeconds}: the page cache's dirty data
 * then, and the {@code sync} that wrote it before the steps (see {@link SystemSync}); {@code warmUp}:
 * the untimed load before the steps, until the JIT had settled (see {@link JitWarmUp}).
 */
record SingleAppendsFigure(int clients, double stepSeconds, double vacuumSeconds, double dirtyMbBeforeSync,
                           double syncSeconds, JitWarmUp.Result warmUp, String path, String target,
                           OpenLoop.Step atTarget, double highestRateHoldingP99, List<OpenLoop.Step> steps,
                           String baseline, OpenLoop.Step baselineAtTarget, double baselineHighestRateHoldingP99,
                           List<OpenLoop.Step> baselineSteps, double ratio, StageProfile.Profile profile,
                           WriteTimes.Split profileTimes) {

    static final double TARGET_RATE = 500;
    static final double TARGET_P99_MS = 20;
}
