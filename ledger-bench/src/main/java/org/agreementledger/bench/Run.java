package org.agreementledger.bench;

import java.util.List;
import java.util.Map;

/** One run at one size: its figures, each target's verdict, the date, the machine and its load. */
record Run(long size, long seed, String date, Map<String, Object> machine, Figures figures,
           List<Targets.Verdict> targets, double totalSeconds, Map<String, Object> loadAverage) {
}
