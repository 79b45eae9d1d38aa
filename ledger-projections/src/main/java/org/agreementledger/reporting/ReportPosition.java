package org.agreementledger.reporting;

/**
 * How far the published report tables have taken in the event store, read just before a report is
 * answered from them, so the answer reflects at least this much (perhaps a few events more).
 *
 * @param position the highest global index the report tables have taken in, -1 for none; with
 *                 {@code behind} 0, every event up to it
 * @param head     the global index of the store's last event, -1 for an empty store
 * @param behind   how many events the store holds that the report tables have not taken in yet:
 *                 those after {@code position}, and any before it still in flight when the processor
 *                 passed them; 0 when the reports are current
 * @param revision the read model's revision (V7__report_revision.sql), which moves with every
 *                 committed change to the report tables, a rebuild's publishing included
 */
public record ReportPosition(long position, long head, long behind, long revision) {

    public boolean current() {
        return behind == 0;
    }
}
