package org.agreementledger.progress;

/**
 * Where long work reports how far it has got. The command line draws a bar from it (done / total,
 * rate, ETA); the HTTP API passes {@link #NONE}.
 */
public interface Progress {

    Progress NONE = new Progress() {
        @Override
        public void start(String phase, long total) {
        }

        @Override
        public void advance(long done) {
        }

        @Override
        public void finish() {
        }
    };

    /** Both report the same work: a terminal's bar and a status page, say. */
    static Progress both(Progress one, Progress other) {
        return new Progress() {
            @Override
            public void start(String phase, long total) {
                one.start(phase, total);
                other.start(phase, total);
            }

            @Override
            public void advance(long done) {
                one.advance(done);
                other.advance(done);
            }

            @Override
            public void finish() {
                one.finish();
                other.finish();
            }

            @Override
            public void relabel(String phase) {
                one.relabel(phase);
                other.relabel(phase);
            }
        };
    }

    /** A new phase of {@code total} steps begins (0 when the total is not known). */
    void start(String phase, long total);

    /** {@code done} steps of the current phase are complete. */
    void advance(long done);

    /** The current phase is complete. */
    void finish();

    /** The current phase goes on under another label (one that carries a running figure), its clock unchanged. */
    default void relabel(String phase) {
    }
}
