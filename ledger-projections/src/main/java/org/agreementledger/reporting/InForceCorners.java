package org.agreementledger.reporting;

import java.util.Arrays;

/**
 * Counts at a point (day, known) without passing over every version: each version is a rectangle
 * [validFrom, validTo) x [knownFrom, knownTo), and a point lies in it exactly when the signed
 * count of the rectangle's corners at or below-left of the point is one (+ at (validFrom,
 * knownFrom) and (validTo, knownTo), - at the other two; a corner on an open bound is never
 * reached and is left out). Agreements add up, so each version's corners carry its (state, model x
 * type cell). Agencies do not (one agency holding two agreements is one agency), so each agency's
 * versions are first cut into disjoint pieces by what the agency holds there (its mask of models
 * and types), and the pieces' corners carry (state, mask): those add up too. An agency of one
 * version (most of them) needs no cutting: its corners carry both at once.
 *
 * <p>A count is then a dominance count over static weighted corners: a coarse grid of 2-D prefix
 * sums (one vector of outputs per grid point, blocks cut so each holds about the same number of
 * corners, a day with many corners a block of its own) plus a pass over the corners of the one
 * partial column (sorted by known day) and of the one partial row (sorted by valid day). The
 * passes read at most two blocks' corners, whatever the date.
 */
final class InForceCorners {

    /**
     * Blocks along each axis, about sqrt(corners) / 16 within these bounds: a pass then reads about
     * 32 sqrt(corners) of them (so it grows as the square root, not linearly), and the grid, (blocks + 1)^2
     * vectors of outputs, stays near 2 to 3 bytes a corner (about 90 blocks at a million agreements).
     */
    static final int MIN_BLOCKS = 16;
    static final int MAX_BLOCKS = 128;
    /** Past every stored day, also the open bound + 1: the end of the last block. */
    private static final int END = Character.MAX_VALUE + 1;

    /** Output vector: agreements by state, agencies by state, agreements by cell, agencies by mask bit. */
    private final int outputs;
    /** Per label, the outputs it adds to: {@code labelOutputs[labelOutputStart[l] ..]}. */
    private final int[] labelOutputStart;
    private final int[] labelOutputs;

    /** Block boundaries: block {@code b} holds days {@code columnDay[b]} to {@code columnDay[b + 1] - 1}. */
    private final int[] columnDay;
    private final int[] rowDay;
    /** Output vectors at each grid point (i, j): the sum over corners with x < columnDay[i], y < rowDay[j]. */
    private final int[] grid;

    /** Corners by column block, then known day; each with its valid day and its term (label * 2 + negative). */
    private final int[] columnStart;
    private final char[] columnY;
    private final char[] columnX;
    private final char[] columnTerm;
    /** The same corners by row block, then valid day. */
    private final int[] rowStart;
    private final char[] rowX;
    private final char[] rowY;
    private final char[] rowTerm;

    /**
     * From the snapshot's columns (agency runs, stored days, {@code STORED_OPEN} for an open bound).
     * {@code cellBits[c]} is the mask bits (models, then types) a version of cell {@code c} gives its agency.
     */
    InForceCorners(char[] validFrom, char[] validTo, char[] knownFrom, char[] knownTo, short[] cell, int[] runStart,
                   byte[] agencyState, int states, int[] cellBits, int maskBits) {
        int cells = cellBits.length;
        this.outputs = 2 * states + cells + maskBits;
        Corners corners = new Corners(expectedCorners(validFrom, validTo, knownFrom, knownTo, runStart));
        // labels: (state, cell) for an agreement, the same for an agency's one agreement and the agency
        // together, then (state, mask) for an agency's pieces as they are first seen
        int single = states * cells;
        AgencyLabels agencyLabels = new AgencyLabels(2 * single);
        AgencyPieces pieces = new AgencyPieces();
        for (int a = 0; a < agencyState.length; a++) {
            int state = agencyState[a];
            if (runStart[a + 1] - runStart[a] == 1) {
                // most agencies hold one version: its rectangle is also the agency's one piece, so one
                // set of corners counts both (half the corners), and they cannot meet (nothing to merge)
                int i = runStart[a];
                if (validFrom[i] < validTo[i] && knownFrom[i] < knownTo[i]) {
                    corners.rectangle(validFrom[i], validTo[i], knownFrom[i], knownTo[i],
                            single + state * cells + cell[i]);
                }
                corners.endAgencyUnmerged();
                continue;
            }
            for (int i = runStart[a]; i < runStart[a + 1]; i++) {
                if (validFrom[i] < validTo[i] && knownFrom[i] < knownTo[i]) {
                    corners.rectangle(validFrom[i], validTo[i], knownFrom[i], knownTo[i], state * cells + cell[i]);
                }
            }
            pieces.add(validFrom, validTo, knownFrom, knownTo, cell, cellBits, runStart[a], runStart[a + 1], corners,
                    agencyLabels, state);
            corners.endAgency();
        }
        int labels = agencyLabels.next;
        if (2 * labels > Character.MAX_VALUE) {
            throw new IllegalStateException(labels + " labels of (state, cell) and (state, agency mask)");
        }
        labelOutputStart = new int[labels + 1];
        int[][] byLabel = new int[labels][];
        for (int s = 0; s < states; s++) {
            for (int c = 0; c < cells; c++) {
                byLabel[s * cells + c] = new int[] {s, 2 * states + c};
                int[] both = new int[3 + Integer.bitCount(cellBits[c])];
                both[0] = s;
                both[1] = 2 * states + c;
                both[2] = states + s;
                int k = 3;
                for (int bits = cellBits[c]; bits != 0; bits &= bits - 1) {
                    both[k++] = 2 * states + cells + Integer.numberOfTrailingZeros(bits);
                }
                byLabel[single + s * cells + c] = both;
            }
        }
        for (int slot = 0; slot < agencyLabels.keys.length; slot++) {
            long key = agencyLabels.keys[slot];
            if (key == AgencyLabels.FREE) {
                continue;
            }
            int state = (int) (key >>> 32);
            int mask = (int) key;
            int[] to = new int[1 + Integer.bitCount(mask)];
            to[0] = states + state;
            int k = 1;
            for (int bits = mask; bits != 0; bits &= bits - 1) {
                to[k++] = 2 * states + cells + Integer.numberOfTrailingZeros(bits);
            }
            byLabel[agencyLabels.labels[slot]] = to;
        }
        int total = 0;
        for (int l = 0; l < labels; l++) {
            labelOutputStart[l] = total;
            total += byLabel[l].length;
        }
        labelOutputStart[labels] = total;
        labelOutputs = new int[total];
        for (int l = 0; l < labels; l++) {
            System.arraycopy(byLabel[l], 0, labelOutputs, labelOutputStart[l], byLabel[l].length);
        }

        long[] merged = corners.packed;
        int n = corners.size;
        int blocks = Math.max(MIN_BLOCKS, Math.min(MAX_BLOCKS, (int) Math.sqrt(n) / 16));
        columnDay = blocks(merged, n, 48, blocks);
        rowDay = blocks(merged, n, 32, blocks);
        int columns = columnDay.length - 1;
        int rows = rowDay.length - 1;
        int[] columnOf = blockOf(columnDay);
        int[] rowOf = blockOf(rowDay);
        // the corners' numbers by (column block, y) and by (row block, x)
        int[] byColumn = order(merged, n, columnOf, 48, 32);
        int[] byRow = order(merged, n, rowOf, 32, 48);
        columnStart = new int[columns + 1];
        columnY = new char[n];
        columnX = new char[n];
        columnTerm = new char[n];
        rowStart = new int[rows + 1];
        rowX = new char[n];
        rowY = new char[n];
        rowTerm = new char[n];
        for (int k = 0; k < n; k++) {
            long corner = merged[byColumn[k]];
            columnStart[columnOf[x(corner)] + 1]++;
            columnY[k] = (char) y(corner);
            columnX[k] = (char) x(corner);
            columnTerm[k] = (char) term(corner);
            corner = merged[byRow[k]];
            rowStart[rowOf[y(corner)] + 1]++;
            rowX[k] = (char) x(corner);
            rowY[k] = (char) y(corner);
            rowTerm[k] = (char) term(corner);
        }
        runningSum(columnStart);
        runningSum(rowStart);

        // each corner added at grid point (its column + 1, its row + 1), then summed up both ways
        int width = rows + 1;
        grid = new int[(columns + 1) * width * outputs];
        for (int k = 0; k < n; k++) {
            long corner = merged[k];
            int at = ((columnOf[x(corner)] + 1) * width + rowOf[y(corner)] + 1) * outputs;
            int term = term(corner);
            int weight = (term & 1) == 0 ? 1 : -1;
            for (int o = labelOutputStart[term >> 1]; o < labelOutputStart[(term >> 1) + 1]; o++) {
                grid[at + labelOutputs[o]] += weight;
            }
        }
        for (int i = 0; i <= columns; i++) {
            for (int j = 1; j <= rows; j++) {
                int at = (i * width + j) * outputs;
                for (int o = 0; o < outputs; o++) {
                    grid[at + o] += grid[at - outputs + o];
                }
            }
        }
        for (int i = 1; i <= columns; i++) {
            for (int j = 0; j <= rows; j++) {
                int at = (i * width + j) * outputs;
                for (int o = 0; o < outputs; o++) {
                    grid[at + o] += grid[at - width * outputs + o];
                }
            }
        }
    }

    /** Corners held, for the log and the bench. */
    int corners() {
        return columnX.length;
    }

    /** Bytes held: both copies of the corners and the grid. */
    long bytes() {
        return 12L * columnX.length + 4L * grid.length + 4L * (columnStart.length + rowStart.length);
    }

    /**
     * The outputs at (day, known), as stored days (-1 before the first): agreements by state, then
     * agencies by state, agreements by cell and agencies by mask bit.
     */
    int[] at(int day, int known) {
        int i = lastAtOrBefore(columnDay, day + 1); // columns before i lie wholly at or before day
        int j = lastAtOrBefore(rowDay, known + 1);
        int[] terms = new int[2 * (labelOutputStart.length - 1)];
        if (columnDay[i] <= day) { // the partial column: valid days columnDay[i] .. day, known up to known
            int from = columnStart[i];
            int to = firstAfter(columnY, from, columnStart[i + 1], known);
            for (int k = from; k < to; k++) {
                terms[columnTerm[k]] += (columnX[k] - day - 1) >>> 31; // 1 when x <= day
            }
        }
        if (rowDay[j] <= known) { // the partial row: known days rowDay[j] .. known, valid before column i
            int from = rowStart[j];
            int to = firstAfter(rowX, from, rowStart[j + 1], columnDay[i] - 1);
            for (int k = from; k < to; k++) {
                terms[rowTerm[k]] += (rowY[k] - known - 1) >>> 31; // 1 when y <= known
            }
        }
        int[] out = new int[outputs];
        System.arraycopy(grid, (i * (rowDay.length) + j) * outputs, out, 0, outputs);
        for (int l = 0; l < terms.length / 2; l++) {
            int net = terms[2 * l] - terms[2 * l + 1];
            if (net != 0) {
                for (int o = labelOutputStart[l]; o < labelOutputStart[l + 1]; o++) {
                    out[labelOutputs[o]] += net;
                }
            }
        }
        return out;
    }

    /** The largest b with boundaries[b] <= value (boundaries[0] is 0, value >= 0). */
    private static int lastAtOrBefore(int[] boundaries, int value) {
        int low = 0;
        int high = boundaries.length - 2; // the last boundary, END, is past every value
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (boundaries[mid] <= value) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** The first index in [from, to) whose (ascending) value exceeds {@code limit}, or {@code to}. */
    private static int firstAfter(char[] sorted, int from, int to, int limit) {
        int low = from;
        int high = to;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= limit) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Block boundaries along one coordinate (bits {@code shift} to {@code shift + 15} of each corner),
     * from 0 to {@link #END}: a block closes once it holds about 1/{@code blocks} of the corners,
     * and a day holding that many alone is a block of its own, so a block a count passes partly
     * over holds few corners however the days cluster (publication days do).
     */
    private static int[] blocks(long[] corners, int n, int shift, int blocks) {
        int[] perDay = new int[END];
        for (int k = 0; k < n; k++) {
            perDay[(int) (corners[k] >>> shift) & 0xFFFF]++;
        }
        int target = Math.max(1, n / blocks);
        int[] boundaries = new int[2 * blocks + 3];
        int count = 0;
        boundaries[count++] = 0;
        int held = 0;
        for (int day = 0; day < END; day++) {
            int here = perDay[day];
            if (here == 0) {
                continue;
            }
            boolean alone = here >= target;
            if ((alone || held + here > target) && boundaries[count - 1] < day) {
                boundaries[count++] = day; // close the block before this day
                held = 0;
            }
            held += here;
            if (alone && day + 1 < END) {
                boundaries[count++] = day + 1;
                held = 0;
            }
            if (count >= boundaries.length - 2) {
                boundaries = Arrays.copyOf(boundaries, boundaries.length * 2);
            }
        }
        if (boundaries[count - 1] != END) {
            boundaries[count++] = END;
        }
        return Arrays.copyOf(boundaries, count);
    }

    /**
     * The corners' numbers ordered by the block of one coordinate (bits {@code blockShift} on, blocks
     * by day in {@code blockOf}), then by the other (bits {@code withinShift} on): two stable counting
     * passes, linear in corners where a comparison sort of a million of them took most of a second.
     */
    private static int[] order(long[] corners, int n, int[] blockOf, int blockShift, int withinShift) {
        int[] start = new int[END + 1];
        for (int k = 0; k < n; k++) {
            start[((int) (corners[k] >>> withinShift) & 0xFFFF) + 1]++;
        }
        runningSum(start);
        int[] byWithin = new int[n];
        for (int k = 0; k < n; k++) {
            byWithin[start[(int) (corners[k] >>> withinShift) & 0xFFFF]++] = k;
        }
        Arrays.fill(start, 0);
        for (int k = 0; k < n; k++) {
            start[blockOf[(int) (corners[k] >>> blockShift) & 0xFFFF] + 1]++;
        }
        runningSum(start);
        int[] ordered = new int[n];
        for (int k : byWithin) {
            ordered[start[blockOf[(int) (corners[k] >>> blockShift) & 0xFFFF]]++] = k;
        }
        return ordered;
    }

    /**
     * The corners the versions' rectangles make (a corner on an open bound is dropped), twice over for
     * an agency of several versions (its pieces make about as many again): the size {@link Corners}
     * starts at.
     */
    private static int expectedCorners(char[] validFrom, char[] validTo, char[] knownFrom, char[] knownTo,
                                       int[] runStart) {
        long expected = 0;
        for (int a = 0; a + 1 < runStart.length; a++) {
            long agency = 0;
            for (int i = runStart[a]; i < runStart[a + 1]; i++) {
                if (validFrom[i] < validTo[i] && knownFrom[i] < knownTo[i]) {
                    agency += (validTo[i] == Character.MAX_VALUE ? 1 : 2) * (knownTo[i] == Character.MAX_VALUE ? 1 : 2);
                }
            }
            expected += runStart[a + 1] - runStart[a] == 1 ? agency : 2 * agency;
        }
        return (int) Math.min(Integer.MAX_VALUE - 8, expected);
    }

    /** Each entry becomes the sum of it and those before it (counts into offsets). */
    private static void runningSum(int[] values) {
        for (int k = 1; k < values.length; k++) {
            values[k] += values[k - 1];
        }
    }

    /** For every day, the block holding it. */
    private static int[] blockOf(int[] boundaries) {
        int[] block = new int[END];
        for (int b = 0; b + 1 < boundaries.length; b++) {
            Arrays.fill(block, boundaries[b], boundaries[b + 1], b);
        }
        return block;
    }

    private static int x(long corner) {
        return (int) (corner >>> 48);
    }

    private static int y(long corner) {
        return (int) (corner >>> 32) & 0xFFFF;
    }

    private static int term(long corner) {
        return (int) corner & 0xFFFF;
    }

    /**
     * Weighted corners as they are made, packed x (16 bits), y (16), term (label * 2 + negative);
     * corners on the same point and label cancel or add up when merged. {@code packed[0 .. size)}.
     * Sized at the start for what the versions are expected to make (a rectangle each), and used in
     * place after: at a million agreements, growing by doubling from a small array and trimming a
     * copy at the end allocated several times the corners' final size in arrays too large for G1's
     * young regions (humongous), each able to start a concurrent cycle during the appends (issue 18).
     */
    private static final class Corners {
        private long[] packed;
        private int size;
        /** Where the current agency's corners begin: corners merge within an agency. */
        private int agencyStart;

        Corners(int expected) {
            packed = new long[Math.max(1024, expected)];
        }

        void rectangle(int x0, int x1, int y0, int y1, int label) {
            add(x0, y0, label, 1);
            add(x1, y0, label, -1);
            add(x0, y1, label, -1);
            add(x1, y1, label, 1);
        }

        /** A corner on an open bound ({@code STORED_OPEN}) is never at or before a point: dropped. */
        void add(int x, int y, int label, int weight) {
            if (x == Character.MAX_VALUE || y == Character.MAX_VALUE || weight == 0) {
                return;
            }
            if (label > Character.MAX_VALUE >> 1) {
                throw new IllegalStateException(label + " labels");
            }
            if (size == packed.length) {
                packed = Arrays.copyOf(packed, size + (size >> 1));
            }
            packed[size++] = (long) x << 48 | (long) y << 32 | (long) label << 1 | (weight < 0 ? 1 : 0);
        }

        /**
         * Merges the current agency's corners: one per unit of net weight at each (x, y, label), so
         * an amendment's end and its successor's start on the same point cancel. Agencies are merged
         * apart (their corners rarely meet): sorting each agency's few corners is cheap where sorting
         * all of them at once was not.
         */
        void endAgency() {
            Arrays.sort(packed, agencyStart, size);
            int out = agencyStart;
            for (int k = agencyStart; k < size; ) {
                long key = packed[k] >>> 1;
                int net = 0;
                for (; k < size && packed[k] >>> 1 == key; k++) {
                    net += (packed[k] & 1) == 0 ? 1 : -1;
                }
                // |net| copies, written over the sorted corners behind the read position
                for (int c = 0; c < Math.abs(net); c++) {
                    packed[out++] = key << 1 | (net < 0 ? 1 : 0);
                }
            }
            size = out;
            agencyStart = out;
        }

        /** Ends an agency whose corners need no merging. */
        void endAgencyUnmerged() {
            agencyStart = size;
        }
    }

    /**
     * Label numbers of (state, agency mask), from {@code first} on as they are first seen: an open
     * addressing table of primitive keys, as it is asked several times for every agency.
     */
    private static final class AgencyLabels {
        static final long FREE = -1;
        private long[] keys = new long[64];
        private int[] labels = new int[64];
        private int held;
        private int next;

        AgencyLabels(int first) {
            Arrays.fill(keys, FREE);
            next = first;
        }

        int of(int state, int mask) {
            long key = (long) state << 32 | mask;
            int slot = slot(keys, key);
            if (keys[slot] == key) {
                return labels[slot];
            }
            if (2 * (held + 1) > keys.length) {
                grow();
                slot = slot(keys, key);
            }
            keys[slot] = key;
            labels[slot] = next;
            held++;
            return next++;
        }

        private static int slot(long[] keys, long key) {
            int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & (keys.length - 1);
            while (keys[slot] != FREE && keys[slot] != key) {
                slot = (slot + 1) & (keys.length - 1);
            }
            return slot;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldLabels = labels;
            keys = new long[oldKeys.length * 2];
            labels = new int[oldKeys.length * 2];
            Arrays.fill(keys, FREE);
            for (int k = 0; k < oldKeys.length; k++) {
                if (oldKeys[k] != FREE) {
                    int slot = slot(keys, oldKeys[k]);
                    keys[slot] = oldKeys[k];
                    labels[slot] = oldLabels[k];
                }
            }
        }
    }

    /**
     * Cuts one agency's versions into the cells of the grid of its own distinct days, finds what the
     * agency holds in each cell (the OR of its versions' mask bits there) and adds the corners of
     * that piecewise-constant function: at each grid point, + the label of the cell above-right,
     * - those of the cells left and below, + that of the cell below-left. Quadratic in one agency's
     * versions, which are few (one agreement per model, and its amendments).
     */
    private static final class AgencyPieces {
        private int[] xs = new int[16];
        private int[] ys = new int[16];
        private int[] mask = new int[256];

        void add(char[] validFrom, char[] validTo, char[] knownFrom, char[] knownTo, short[] cell, int[] cellBits,
                 int from, int to, Corners corners, AgencyLabels labels, int state) {
            int n = to - from;
            if (xs.length < 2 * n) {
                xs = new int[4 * n];
                ys = new int[4 * n];
            }
            int nx = 0;
            int ny = 0;
            for (int i = from; i < to; i++) {
                if (validFrom[i] < validTo[i] && knownFrom[i] < knownTo[i]) {
                    xs[nx++] = validFrom[i];
                    xs[nx++] = validTo[i];
                    ys[ny++] = knownFrom[i];
                    ys[ny++] = knownTo[i];
                }
            }
            nx = distinct(xs, nx);
            ny = distinct(ys, ny);
            if (nx == 0) {
                return;
            }
            // mask[(i + 1) * (ny + 1) + j + 1]: what the agency holds on [xs[i], xs[i+1]) x [ys[j], ys[j+1]);
            // row and column 0 stand for "before the first day": nothing
            int width = ny + 1;
            int cellsNeeded = (nx + 1) * width;
            if (mask.length < cellsNeeded) {
                mask = new int[Math.max(cellsNeeded, 2 * mask.length)];
            } else {
                Arrays.fill(mask, 0, cellsNeeded, 0);
            }
            for (int i = from; i < to; i++) {
                if (validFrom[i] < validTo[i] && knownFrom[i] < knownTo[i]) {
                    int x0 = Arrays.binarySearch(xs, 0, nx, validFrom[i]);
                    int x1 = Arrays.binarySearch(xs, 0, nx, validTo[i]);
                    int y0 = Arrays.binarySearch(ys, 0, ny, knownFrom[i]);
                    int y1 = Arrays.binarySearch(ys, 0, ny, knownTo[i]);
                    int bits = cellBits[cell[i]];
                    for (int x = x0; x < x1; x++) {
                        for (int y = y0; y < y1; y++) {
                            mask[(x + 1) * width + y + 1] |= bits;
                        }
                    }
                }
            }
            for (int i = 0; i < nx; i++) {
                for (int j = 0; j < ny; j++) {
                    int here = mask[(i + 1) * width + j + 1];
                    int left = mask[i * width + j + 1];
                    int below = mask[(i + 1) * width + j];
                    int diagonal = mask[i * width + j];
                    if (here == left && below == diagonal || here == below && left == diagonal) {
                        continue; // the four cancel: no corner here
                    }
                    term(corners, xs[i], ys[j], here, 1, labels, state);
                    term(corners, xs[i], ys[j], left, -1, labels, state);
                    term(corners, xs[i], ys[j], below, -1, labels, state);
                    term(corners, xs[i], ys[j], diagonal, 1, labels, state);
                }
            }
        }

        private static void term(Corners corners, int x, int y, int mask, int weight, AgencyLabels labels,
                                 int state) {
            if (mask != 0) {
                corners.add(x, y, labels.of(state, mask), weight);
            }
        }

        /** Sorts the first {@code n} and keeps each value once; returns how many remain. */
        private static int distinct(int[] values, int n) {
            Arrays.sort(values, 0, n);
            int kept = 0;
            for (int k = 0; k < n; k++) {
                if (kept == 0 || values[kept - 1] != values[k]) {
                    values[kept++] = values[k];
                }
            }
            return kept;
        }
    }
}
