package org.agreementledger.importing;

import java.util.List;
import java.util.Locale;
import org.agreementledger.api.ImportReport.RowNote;
import org.agreementledger.api.WithdrawAgreement;
import org.agreementledger.api.WithdrawalReason;

/**
 * When a list would wreck the history rather than record it, it is held for review instead of
 * applied: ICE has posted a truncated list (308 rows between lists of 444 and 506), and a list with
 * an unreadable row applied in part would withdraw that row's agreement and sign it again on the next
 * list. A list is held when it would withdraw more than {@code withdrawnShare} of the agreements in
 * force at once (counted only once at least {@code minimumInForce} are in force, so a young ledger's
 * first lists are not held for a handful), or when any row stays unreadable after every repair rule.
 * A list lacking the SIGNED column is held too (see the importer).
 *
 * @param withdrawnShare  the share of agreements in force one list may withdraw, 0 to 1
 * @param minimumInForce  below this many agreements in force the share is not checked
 */
public record ReviewRules(double withdrawnShare, int minimumInForce) {

    public ReviewRules {
        if (!(withdrawnShare >= 0 && withdrawnShare <= 1)) {
            throw new IllegalArgumentException("withdrawnShare must be between 0 and 1, not " + withdrawnShare);
        }
        if (minimumInForce < 0) {
            throw new IllegalArgumentException("minimumInForce must not be negative");
        }
    }

    /** Why a planned list must be held, or null to apply it. */
    public String holdReason(List<Object> commands, long inForce, List<RowProblem> unreadable) {
        if (!unreadable.isEmpty()) {
            RowProblem first = unreadable.get(0);
            return String.format(Locale.ROOT, "row %d, %s '%s': %s%s; a list is never applied in part",
                    first.sheetRow(), first.column(), RowNote.shortened(first.raw(), RowNote.MAX_RAW), first.message(),
                    unreadable.size() > 1 ? " (and " + (unreadable.size() - 1) + " more unreadable rows)" : "");
        }
        long withdrawn = commands.stream().filter(command -> command instanceof WithdrawAgreement withdrawal
                && withdrawal.reason() == WithdrawalReason.REMOVED_FROM_ICE_LIST).count();
        if (inForce >= minimumInForce && withdrawn > withdrawnShare * inForce) {
            return String.format(Locale.ROOT, "it would withdraw %,d of the %,d agreements in force at once"
                    + " (more than %s); a truncated list?", withdrawn, inForce, percent(withdrawnShare));
        }
        return null;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
