package org.agreementledger.reporting;

import java.util.Arrays;

/**
 * Agency ids to their numbers, held in one int array beside the ids (open addressing, linear
 * probing, at most half full). A {@code HashMap<String, Integer>} held a node and an Integer an
 * agency: about 200,000 small objects at 100k agreements, made anew by every fold and copied by
 * every young collection while they were young (pauses of 17 to 23 ms at 500 appends a second, 9
 * to 23 ms without them). Two arrays are copied as two objects.
 *
 * <p>An index's table is made whole from its ids and only read. A builder's grows as it numbers
 * agencies ({@link #number}): at a million agreements the builder's {@code HashMap} was 1.1 million
 * nodes and Integers made by every fold, most of them promoted by the young collections the fold ran
 * through (pauses of 40 to 130 ms under single appends).
 */
final class AgencyNumbers {

    private String[] ids;
    private int size;
    /** Agency number + 1 at the slot its id hashes to (or after, probing); 0: empty. */
    private int[] slots;
    private int mask;

    /** Numbers {@code ids} by position; an id given twice takes its last position, as a map's put would. */
    AgencyNumbers(String[] ids) {
        this.ids = ids;
        this.size = ids.length;
        index(ids.length);
    }

    /** An empty table that grows, with room for {@code expected} agencies before it first does. */
    static AgencyNumbers growing(int expected) {
        AgencyNumbers numbers = new AgencyNumbers(new String[0]);
        numbers.ids = new String[Math.max(16, expected)];
        numbers.index(numbers.ids.length);
        return numbers;
    }

    /** The agency's number, or -1 if these ids do not hold it. */
    int of(String id) {
        int number = slots[slotOf(id)];
        return number - 1;
    }

    /** The agency's number, numbering it next if it has none yet. */
    int number(String id) {
        int slot = slotOf(id);
        if (slots[slot] != 0) {
            return slots[slot] - 1;
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, 2 * ids.length);
        }
        ids[size] = id;
        size++;
        if (2 * size > slots.length) {
            index(ids.length);
        } else {
            slots[slot] = size;
        }
        return size - 1;
    }

    int size() {
        return size;
    }

    /** The id numbered {@code number}. */
    String id(int number) {
        return ids[number];
    }

    /** Slots for {@code room} agencies, filled with the ids numbered so far. */
    private void index(int room) {
        int capacity = 2;
        while (capacity < 2 * room) {
            capacity <<= 1;
        }
        slots = new int[capacity];
        mask = capacity - 1;
        for (int a = 0; a < size; a++) {
            slots[slotOf(ids[a])] = a + 1;
        }
    }

    /** The slot holding {@code id}, or the empty one where it would go. */
    private int slotOf(String id) {
        int h = id.hashCode();
        int slot = (h ^ (h >>> 16)) & mask;
        while (slots[slot] != 0 && !ids[slots[slot] - 1].equals(id)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Bytes held beside the ids themselves: the slots. */
    long bytes() {
        return 16L + 4L * slots.length;
    }
}
