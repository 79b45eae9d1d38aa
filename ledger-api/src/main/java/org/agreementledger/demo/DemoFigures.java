package org.agreementledger.demo;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.agreementledger.api.UsState;

/**
 * The figures the demo history is calibrated to, and the groups of agencies that produce them.
 * The figures are those in the application's published-figures file (FWD.us's analysis of ICE data,
 * reported by NBC News in February 2026, and ICE's own count of mid-February 2026); a test checks
 * the two agree.
 *
 * <pre>
 * day          agencies  agreements  states  how
 * 2021-01-20        150                      historic (110) + ended between t0 and t1 (40)
 * 2025-01-19        135                      historic (110) + Biden-era (20) + ended between t1 and t2 (5)
 * 2026-01-26      1,168       1,380      39  historic + Biden-era + wave (1,038); FL 342 TX 296 TN 63 PA 58 AL 52
 * 2026-02-15                  1,415      40  1,380 - 12 second agreements ended + 47 new, 6 of them in MA
 * </pre>
 * Besides: 30 agencies signed and withdrawn before 2021, 10 short-lived Biden-era ones, 40 short-lived
 * in the 2025 wave and 20 second agreements that did not last: 1,572 agreements, 157 withdrawn (10%).
 */
public final class DemoFigures {

    public static final LocalDate FIRST_DAY = LocalDate.of(2008, 1, 1);
    public static final LocalDate END_OF_FIRST_TRUMP_TERM = LocalDate.of(2021, 1, 20);
    public static final LocalDate END_OF_BIDEN_TERM = LocalDate.of(2025, 1, 19);
    public static final LocalDate FWD_US_DATE = LocalDate.of(2026, 1, 26);
    public static final LocalDate ICE_DATE = LocalDate.of(2026, 2, 15);
    /** No demo fact becomes public after this day, so a history is the same whenever it is generated. */
    public static final LocalDate LAST_KNOWN_DAY = LocalDate.of(2026, 3, 17);
    public static final UsState FORTIETH_STATE = UsState.MA;
    public static final double BACKDATED_SHARE = 0.05;
    public static final double CORRECTED_SHARE = 0.02;

    /** Agreements in force on 2026-01-26 in the states the reports named. */
    public static final Map<UsState, Integer> NAMED_STATES = named();
    /** The other 34 states in force on 2026-01-26, with relative weights for their share of the rest. */
    private static final Map<UsState, Integer> OTHER_STATE_WEIGHTS = others();

    private static final int IN_FORCE_ON_FWD_US_DATE = 1_380;
    private static final int AGENCIES_ON_FWD_US_DATE = 1_168;
    private static final int HISTORIC = 110;
    private static final int BIDEN_ERA = 20;
    private static final int OLD_WITHDRAWN = 30;
    private static final int ENDED_BEFORE_BIDEN_END = 40;
    private static final int SHORT_LIVED_BIDEN_ERA = 10;
    private static final int ENDED_BEFORE_FWD_US = 5;
    private static final int SHORT_LIVED_WAVE = 40;
    private static final int WITHDRAWN_EXTRAS = 20;
    private static final int ENDED_AFTER_FWD_US = 12;
    private static final int NEW_STATE_AGENCIES = 3; // two agreements each
    private static final int NEW_AGENCIES_AFTER_FWD_US = 30;
    private static final int NEW_EXTRAS_AFTER_FWD_US = 11;

    /** Agreements signed at the calibrated size, withdrawn ones included. */
    public static final int DEFAULT_AGREEMENTS = IN_FORCE_ON_FWD_US_DATE + OLD_WITHDRAWN + ENDED_BEFORE_BIDEN_END
            + SHORT_LIVED_BIDEN_ERA + ENDED_BEFORE_FWD_US + SHORT_LIVED_WAVE + WITHDRAWN_EXTRAS
            + 2 * NEW_STATE_AGENCIES + NEW_AGENCIES_AFTER_FWD_US + NEW_EXTRAS_AFTER_FWD_US;

    private DemoFigures() {
    }

    private static Map<UsState, Integer> named() {
        Map<UsState, Integer> named = new LinkedHashMap<>();
        named.put(UsState.FL, 342);
        named.put(UsState.TX, 296);
        named.put(UsState.TN, 63);
        named.put(UsState.PA, 58);
        named.put(UsState.AL, 52);
        return named;
    }

    private static Map<UsState, Integer> others() {
        Map<UsState, Integer> weights = new LinkedHashMap<>();
        String[] spec = {"GA 48", "NC 40", "LA 38", "OK 36", "SC 34", "AR 28", "MS 26", "MO 25", "AZ 22", "IN 20",
                "OH 20", "KY 19", "VA 18", "WV 16", "KS 15", "NE 14", "IA 13", "UT 12", "ID 12", "MT 11", "WY 10",
                "NH 10", "NV 9", "NM 9", "CO 8", "SD 8", "ND 7", "WI 7", "MD 6", "MI 6", "AK 5", "ME 5", "DE 4",
                "NJ 4"};
        for (String entry : spec) {
            String[] parts = entry.split(" ");
            weights.put(UsState.valueOf(parts[0]), Integer.parseInt(parts[1]));
        }
        return weights;
    }

    /** The group sizes at a scale (1 = calibrated); rounding keeps totals consistent. */
    static Groups groups(double scale) {
        return new Groups(scale);
    }

    static final class Groups {
        private final double scale;
        private final Map<UsState, Integer> agreementsByState = new LinkedHashMap<>();
        private final Map<UsState, Integer> agenciesByState = new EnumMap<>(UsState.class);
        private final UsState[] states;
        private final double[] cumulative;

        Groups(double scale) {
            this.scale = scale;
            NAMED_STATES.forEach((state, n) -> agreementsByState.put(state, n(n)));
            int named = agreementsByState.values().stream().mapToInt(Integer::intValue).sum();
            int rest = Math.max(0, n(IN_FORCE_ON_FWD_US_DATE) - named);
            agreementsByState.putAll(apportion(OTHER_STATE_WEIGHTS, rest, 0));
            agreementsByState.values().removeIf(n -> n == 0);
            int agreements = agreementsByState.values().stream().mapToInt(Integer::intValue).sum();
            int agencies = Math.min(agreements, n(AGENCIES_ON_FWD_US_DATE));
            Map<UsState, Integer> share = apportion(agreementsByState, agencies, 1);
            // an agency holds at most three agreements (one per model): move agencies where needed
            share.replaceAll((state, g) -> Math.min(agreementsByState.get(state), g));
            agenciesByState.putAll(share);
            settle(agencies);
            states = agreementsByState.keySet().toArray(UsState[]::new);
            cumulative = new double[states.length];
            double sum = 0;
            for (int i = 0; i < states.length; i++) {
                sum += agreementsByState.get(states[i]);
                cumulative[i] = sum;
            }
        }

        /** Make the agencies add up to {@code total} with each state between a third of its agreements and all. */
        private void settle(int total) {
            int sum = agenciesByState.values().stream().mapToInt(Integer::intValue).sum();
            for (UsState state : agenciesByState.keySet()) {
                int low = (agreementsByState.get(state) + 2) / 3;
                if (agenciesByState.get(state) < low) {
                    sum += low - agenciesByState.get(state);
                    agenciesByState.put(state, low);
                }
            }
            while (sum != total) {
                boolean moved = false;
                for (UsState state : agenciesByState.keySet()) {
                    int g = agenciesByState.get(state);
                    int a = agreementsByState.get(state);
                    if (sum < total && g < a) {
                        agenciesByState.put(state, g + 1);
                        sum++;
                        moved = true;
                    } else if (sum > total && g > (a + 2) / 3) {
                        agenciesByState.put(state, g - 1);
                        sum--;
                        moved = true;
                    }
                    if (sum == total) {
                        break;
                    }
                }
                if (!moved) {
                    break;
                }
            }
        }

        /** Largest-remainder apportionment of {@code total} by weight, at least {@code minimum} each. */
        private static Map<UsState, Integer> apportion(Map<UsState, Integer> weights, int total, int minimum) {
            double sum = weights.values().stream().mapToInt(Integer::intValue).sum();
            Map<UsState, Integer> result = new LinkedHashMap<>();
            Map<UsState, Double> remainders = new LinkedHashMap<>();
            int given = 0;
            for (Map.Entry<UsState, Integer> entry : weights.entrySet()) {
                double exact = total * entry.getValue() / sum;
                int whole = Math.max(minimum, (int) Math.floor(exact));
                result.put(entry.getKey(), whole);
                remainders.put(entry.getKey(), exact - Math.floor(exact));
                given += whole;
            }
            var byRemainder = remainders.entrySet().stream()
                    .sorted(Map.Entry.<UsState, Double>comparingByValue().reversed()).toList();
            for (int i = 0; given < total && i < byRemainder.size(); i++, given++) {
                result.merge(byRemainder.get(i).getKey(), 1, Integer::sum);
            }
            return result;
        }

        private int n(int calibrated) {
            return (int) Math.round(calibrated * scale);
        }

        Map<UsState, Integer> agreementsByState() {
            return agreementsByState;
        }

        Map<UsState, Integer> agenciesByState() {
            return agenciesByState;
        }

        /** A state of 2026-01-26, weighted by its agreements then. */
        UsState pickState(SplittableRandom random) {
            double pick = random.nextDouble() * cumulative[cumulative.length - 1];
            for (int i = 0; i < cumulative.length; i++) {
                if (pick < cumulative[i]) {
                    return states[i];
                }
            }
            return states[states.length - 1];
        }

        int historic() {
            return n(HISTORIC);
        }

        int bidenEra() {
            return n(BIDEN_ERA);
        }

        int oldWithdrawn() {
            return n(OLD_WITHDRAWN);
        }

        int endedBeforeBidenEnd() {
            return n(ENDED_BEFORE_BIDEN_END);
        }

        int shortLivedBidenEra() {
            return n(SHORT_LIVED_BIDEN_ERA);
        }

        int endedBeforeFwdUs() {
            return n(ENDED_BEFORE_FWD_US);
        }

        int shortLivedWave() {
            return n(SHORT_LIVED_WAVE);
        }

        int withdrawnExtras() {
            return n(WITHDRAWN_EXTRAS);
        }

        int endedAfterFwdUs() {
            return n(ENDED_AFTER_FWD_US);
        }

        int newStateAgencies() {
            return Math.max(scale > 0 ? 1 : 0, n(NEW_STATE_AGENCIES));
        }

        int newAgenciesAfterFwdUs() {
            return n(NEW_AGENCIES_AFTER_FWD_US);
        }

        int newExtrasAfterFwdUs() {
            return n(NEW_EXTRAS_AFTER_FWD_US);
        }
    }
}
