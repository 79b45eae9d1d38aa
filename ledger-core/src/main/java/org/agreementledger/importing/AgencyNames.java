package org.agreementledger.importing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.agreementledger.api.UsState;
import org.apache.commons.text.similarity.DamerauLevenshteinDistance;
import org.apache.commons.text.similarity.LongestCommonSubsequence;

/** Applies the {@link AgencyNameRule}s to two printed names of one state. */
final class AgencyNames {

    private static final DamerauLevenshteinDistance DISTANCE = new DamerauLevenshteinDistance();
    private static final LongestCommonSubsequence COMMON = new LongestCommonSubsequence();

    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("DEPT", "DEPARTMENT"), Map.entry("DEP", "DEPARTMENT"),
            Map.entry("BOCC", "BOARD OF COUNTY COMMISSIONERS"),
            Map.entry("DPS", "DEPARTMENT OF PUBLIC SAFETY"), Map.entry("DOC", "DEPARTMENT OF CORRECTIONS"),
            Map.entry("PD", "POLICE DEPARTMENT"), Map.entry("SO", "SHERIFF OFFICE"),
            Map.entry("OFC", "OFFICE"), Map.entry("CO", "COUNTY"), Map.entry("CNTY", "COUNTY"),
            Map.entry("TWP", "TOWNSHIP"), Map.entry("FT", "FORT"), Map.entry("ST", "SAINT"),
            Map.entry("SHERIFFS", "SHERIFF"), Map.entry("&", "AND"));
    private static final List<List<String>> PLACE_PREFIXES = List.of(List.of("CITY", "OF"), List.of("TOWN", "OF"),
            List.of("VILLAGE", "OF"));
    private static final List<String> GENERIC_LAST = List.of("DEPARTMENT", "OFFICE");

    private AgencyNames() {
    }

    /** The strongest rule by which the two names are one agency's, or null; {@code GARBLED_PLACE} last of all. */
    static AgencyNameRule sameAgency(UsState state, String one, String other) {
        List<String> a = words(one);
        List<String> b = words(other);
        if (a.equals(b)) {
            return AgencyNameRule.CASE_AND_PUNCTUATION;
        }
        a = expanded(a);
        b = expanded(b);
        if (a.equals(b)) {
            return AgencyNameRule.ABBREVIATION;
        }
        a = withoutPrefix(state, a);
        b = withoutPrefix(state, b);
        if (a.equals(b)) {
            return AgencyNameRule.STATE_OR_PLACE_PREFIX;
        }
        a = withoutGenericLast(a);
        b = withoutGenericLast(b);
        if (a.equals(b)) {
            return AgencyNameRule.GENERIC_LAST_WORD;
        }
        if (typo(a, b)) {
            return AgencyNameRule.TYPO;
        }
        return garbledPlace(a, b) ? AgencyNameRule.GARBLED_PLACE : null;
    }

    static List<String> words(String name) {
        String text = name.toUpperCase(Locale.ROOT).replace("&", " & ").replaceAll("['’‘`]", "")
                .replaceAll("[^\\p{L}\\p{N}&]+", " ").strip();
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(" "));
    }

    private static List<String> expanded(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String word : words) {
            out.addAll(Arrays.asList(ABBREVIATIONS.getOrDefault(word, word).split(" ")));
        }
        return out;
    }

    private static List<String> withoutPrefix(UsState state, List<String> words) {
        List<String> stateName = expanded(words(state.title()));
        if (words.size() > stateName.size() && words.subList(0, stateName.size()).equals(stateName)) {
            return words.subList(stateName.size(), words.size());
        }
        if (words.size() > 1 && words.get(0).equals(state.name())) {
            return words.subList(1, words.size());
        }
        for (List<String> prefix : PLACE_PREFIXES) {
            if (words.size() > prefix.size() && words.subList(0, prefix.size()).equals(prefix)) {
                return words.subList(prefix.size(), words.size());
            }
        }
        return words;
    }

    private static List<String> withoutGenericLast(List<String> words) {
        return words.size() > 1 && GENERIC_LAST.contains(words.get(words.size() - 1))
                ? words.subList(0, words.size() - 1) : words;
    }

    private static boolean typo(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        int differing = 0;
        int total = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).equals(b.get(i))) {
                continue;
            }
            int distance = DISTANCE.apply(a.get(i), b.get(i));
            int longer = Math.max(a.get(i).length(), b.get(i).length());
            if (distance > Math.max(1, longer / 4)) {
                return false;
            }
            differing++;
            total += distance;
        }
        return differing <= 2 && total <= 2;
    }

    private static boolean garbledPlace(List<String> a, List<String> b) {
        int tail = 0;
        while (tail < a.size() && tail < b.size()
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        if (tail < 2 || tail == a.size() || tail == b.size()) {
            return false;
        }
        String placeA = String.join("", a.subList(0, a.size() - tail));
        String placeB = String.join("", b.subList(0, b.size() - tail));
        String shorter = placeA.length() <= placeB.length() ? placeA : placeB;
        String longer = shorter == placeA ? placeB : placeA;
        return shorter.charAt(0) == longer.charAt(0)
                && COMMON.apply(shorter, longer) * 5 >= shorter.length() * 4;
    }
}
