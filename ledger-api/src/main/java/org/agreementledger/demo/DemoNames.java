package org.agreementledger.demo;

import org.agreementledger.api.UsState;

/**
 * Made-up but plausible agency names, unique within a state by construction: the n-th agency of a
 * kind in a state gets the n-th place of a fixed sequence, so no set of used names is kept however
 * large the history. The first 800 places are plain ("Oakfield", "Cedarton"); later ones add a
 * qualifier or a second word ("North Oakfield", "Cedarton Falls"); past 105,600 a number.
 */
final class DemoNames {

    private static final String[] PREFIXES = {"Oak", "Cedar", "Pine", "Maple", "Willow", "Ash", "Elm", "Bear", "Fox",
            "Eagle", "Clear", "Stone", "Red", "Green", "Silver", "Spring", "Mill", "Lake", "River", "Rock", "Fair",
            "Glen", "High", "Dun", "Went", "Hart", "Marsh", "Bell", "Clay", "Deer", "Frank", "Gar", "Hazel", "Iron",
            "Kings", "Lin", "Mor", "Nor", "Rich", "Shel"};
    private static final String[] SUFFIXES = {"field", "wood", "dale", "ton", "ville", "burg", "port", "ford", "land",
            "mont", "view", "haven", "crest", "ridge", "creek", "water", "brook", "ham", "ley", "wick"};
    private static final String[] QUALIFIERS = {"", "North ", "South ", "East ", "West ", "New ", "Upper ", "Lower ",
            "Port ", "Fort ", "Mount ", "Lake "};
    private static final String[] SECOND_WORDS = {"", " Springs", " Falls", " Heights", " Hills", " Valley",
            " Junction", " Crossing", " Park", " Harbor", " Bluff"};
    private static final int PLAIN = PREFIXES.length * SUFFIXES.length;
    private static final int PLACES = PLAIN * QUALIFIERS.length * SECOND_WORDS.length;

    /** What an agency is; local kinds take a place name, state kinds the state's. */
    enum Kind {
        SHERIFF("County", 55), POLICE("Municipality", 28), JAIL("County", 7), PUBLIC_SAFETY("Municipality", 5),
        STATE("State", 5);

        final String agencyType;
        final int weight;

        Kind(String agencyType, int weight) {
            this.agencyType = agencyType;
            this.weight = weight;
        }
    }

    private static final String[] STATE_AGENCIES = {"Department of Corrections", "Highway Patrol",
            "Department of Public Safety", "National Guard"};
    static final int STATE_AGENCY_COUNT = STATE_AGENCIES.length;

    private DemoNames() {
    }

    /** The n-th place name of a state and kind (the offset varies the sequence between them). */
    static String place(int n, int offset) {
        int block = n / PLAIN;
        int j = Math.floorMod((n % PLAIN) * 337 + offset, PLAIN); // 337 is coprime to 800: a permutation
        String plain = PREFIXES[j / SUFFIXES.length] + SUFFIXES[j % SUFFIXES.length];
        int variant = block % (QUALIFIERS.length * SECOND_WORDS.length);
        String name = QUALIFIERS[variant % QUALIFIERS.length] + plain + SECOND_WORDS[variant / QUALIFIERS.length];
        return n < PLACES ? name : name + " " + (n / PLACES + 1);
    }

    static String agencyName(UsState state, Kind kind, int n) {
        int offset = state.ordinal() * 31 + kind.ordinal() * 7;
        return switch (kind) {
            case SHERIFF -> place(n, offset) + " County Sheriff's Office";
            case POLICE -> place(n, offset) + " Police Department";
            case JAIL -> place(n, offset) + " County Jail";
            case PUBLIC_SAFETY -> place(n, offset) + " Department of Public Safety";
            case STATE -> state.title() + " " + STATE_AGENCIES[n];
        };
    }

    /** The county a local agency sits in: a sheriff's own, else one of the state's first counties. */
    static String county(UsState state, Kind kind, int n, int agencyIndex) {
        int offset = state.ordinal() * 31 + Kind.SHERIFF.ordinal() * 7;
        return switch (kind) {
            case SHERIFF, JAIL -> place(n, state.ordinal() * 31 + kind.ordinal() * 7);
            case POLICE, PUBLIC_SAFETY -> place(Math.floorMod(agencyIndex * 7919, 60), offset);
            case STATE -> null;
        };
    }

    /** The county as a careless clerk typed it: one letter dropped (later corrected). */
    static String misspelt(String county) {
        int at = Math.max(1, county.length() / 2);
        return county.substring(0, at) + county.substring(at + 1);
    }
}
