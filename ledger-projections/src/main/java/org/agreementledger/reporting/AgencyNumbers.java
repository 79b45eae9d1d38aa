package org.agreementledger.reporting;

/**
 * An index's agency ids to their numbers, held in one int array beside the ids (open addressing,
 * linear probing, at most half full). A {@code HashMap<String, Integer>} held a node and an Integer
 * an agency: about 200,000 small objects at 100k agreements, made anew by every fold and copied by
 * every young collection while they were young (pauses of 17 to 23 ms at 500 appends a second, 9
 * to 23 ms without them).
 * Two arrays are copied as two objects.
 */
final class AgencyNumbers {

    private final String[] ids;
    /** Agency number + 1 at the slot its id hashes to (or after, probing); 0: empty. */
    private final int[] slots;
    private final int mask;

    /** Numbers {@code ids} by position; an id given twice takes its last position, as a map's put would. */
    AgencyNumbers(String[] ids) {
        this.ids = ids;
        int capacity = 2;
        while (capacity < 2 * ids.length) {
            capacity <<= 1;
        }
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        for (int a = 0; a < ids.length; a++) {
            slots[slotOf(ids[a])] = a + 1;
        }
    }

    /** The agency's number, or -1 if these ids do not hold it. */
    int of(String id) {
        int number = slots[slotOf(id)];
        return number - 1;
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
