package org.agreementledger.importing;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.apache.commons.text.similarity.DamerauLevenshteinDistance;

/** Applies the {@link SpellingRule}s to a value the domain's own parsers refused. */
final class Spellings {

    private static final DamerauLevenshteinDistance DISTANCE = new DamerauLevenshteinDistance();

    private Spellings() {
    }

    /** A value and the rule that read it. */
    record Spelled<T>(T value, SpellingRule rule) {
    }

    /** The Associated Press's abbreviations of the states it abbreviates, letters only, each with the state's code. */
    private static final Map<String, UsState> AP = Stream.of("ALA AL", "ARIZ AZ", "ARK AR", "CALIF CA", "COLO CO",
            "CONN CT", "DEL DE", "FLA FL", "ILL IL", "IND IN", "KAN KS", "MASS MA", "MICH MI", "MINN MN", "MISS MS",
            "MONT MT", "NEB NE", "NEV NV", "OKLA OK", "ORE OR", "TENN TN", "WASH WA", "WVA WV", "WIS WI", "WYO WY")
            .map(pair -> pair.split(" "))
            .collect(Collectors.toUnmodifiableMap(pair -> pair[0], pair -> UsState.valueOf(pair[1])));

    /** The state a misspelt STATE names, or null when no rule reads it. */
    static Spelled<UsState> state(String text) {
        String printed = comparable(text);
        UsState abbreviated = abbreviated(printed);
        if (abbreviated != null) {
            return new Spelled<>(abbreviated, SpellingRule.STATE_ABBREVIATION);
        }
        UsState closest = closest(printed, UsState.values(), UsState::title, printed.length() < 8 ? 1 : 2);
        return closest == null ? null : new Spelled<>(closest, SpellingRule.STATE_SPELLING);
    }

    private static UsState abbreviated(String printed) {
        String letters = printed.replace(" ", "");
        for (UsState state : UsState.values()) {
            if (state.name().equals(letters)) {
                return state; // N.C., N C
            }
        }
        if (AP.containsKey(letters)) {
            return AP.get(letters);
        }
        String expanded = printed.replaceFirst("^N ", "NORTH ").replaceFirst("^S ", "SOUTH ")
                .replaceFirst("^W ", "WEST ");
        for (UsState state : UsState.values()) {
            if (!expanded.equals(printed) && comparable(state.title()).equals(expanded)) {
                return state;
            }
        }
        return null;
    }

    /** The model a misspelt SUPPORT TYPE names, or null when no rule reads it. */
    static Spelled<SupportModel> model(String text) {
        String printed = comparable(text);
        SupportModel byWords = null;
        int named = 0;
        for (SupportModel model : SupportModel.values()) {
            String words = distinguishingWords(model) + " ";
            if ((" " + printed + " ").contains(" " + words)) {
                named++;
                byWords = (printed + " ").startsWith(words) ? model : byWords;
            }
        }
        if (named == 1 && byWords != null) {
            return new Spelled<>(byWords, SpellingRule.SUPPORT_TYPE_WORDS);
        }
        SupportModel closest = closest(printed, SupportModel.values(), SupportModel::title, 3);
        return closest == null ? null : new Spelled<>(closest, SpellingRule.SUPPORT_TYPE_SPELLING);
    }

    /** "JAIL ENFORCEMENT" of "Jail Enforcement Model": the title without its last word. */
    private static String distinguishingWords(SupportModel model) {
        String title = comparable(model.title());
        return title.substring(0, title.lastIndexOf(' '));
    }

    /** The one candidate within {@code allowed} of the text with no other as close; null if none or a tie. */
    private static <T> T closest(String printed, T[] candidates, Function<T, String> name, int allowed) {
        T best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (T candidate : candidates) {
            String known = comparable(name.apply(candidate));
            if (Math.abs(known.length() - printed.length()) > allowed) {
                // the distance is at least the difference in length: out of reach, and computing it
                // costs length × length: a hostile sheet of 3,000-character cells kept a core busy for minutes
                continue;
            }
            int distance = DISTANCE.apply(printed, known);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
                tie = false;
            } else if (distance == bestDistance) {
                tie = true;
            }
        }
        return best != null && !tie && bestDistance <= allowed ? best : null;
    }

    /** Upper case, letters and digits only, one space between words. */
    static String comparable(String text) {
        return text.toUpperCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
