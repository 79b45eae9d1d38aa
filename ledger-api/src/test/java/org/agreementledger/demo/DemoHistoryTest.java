package org.agreementledger.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agreementledger.api.CorrectAgreement;
import org.agreementledger.api.SignAgreement;
import org.agreementledger.api.SourceKind;
import org.agreementledger.api.SupportModel;
import org.agreementledger.api.UsState;
import org.agreementledger.api.WithdrawAgreement;
import org.junit.jupiter.api.Test;

/** The generator alone, folded in memory: calibration, plausibility, determinism, valid order. */
class DemoHistoryTest {

    /** One agreement as the commands describe it. */
    private static final class Folded {
        SignAgreement signing;
        LocalDate withdrawnOn;
        String county;

        boolean inForce(LocalDate day) {
            return !signing.effectiveOn().isAfter(day) && (withdrawnOn == null || withdrawnOn.isAfter(day));
        }
    }

    private static Map<String, Folded> fold(DemoHistory history) {
        Map<String, Folded> agreements = new HashMap<>();
        LocalDate lastKnown = LocalDate.MIN;
        for (Iterator<Object> it = history.commands(); it.hasNext(); ) {
            Object command = it.next();
            LocalDate known;
            if (command instanceof SignAgreement sign) {
                Folded folded = new Folded();
                folded.signing = sign;
                folded.county = sign.county();
                assertThat(agreements.put(sign.agreementId(), folded)).as("a new agreement id").isNull();
                assertThat(sign.source().kind()).isEqualTo(SourceKind.SYNTHETIC);
                assertThat(sign.signedOn()).isBeforeOrEqualTo(sign.knownOn());
                known = sign.knownOn();
            } else if (command instanceof WithdrawAgreement withdraw) {
                Folded folded = agreements.get(withdraw.agreementId());
                assertThat(folded).as("withdrawn after signing").isNotNull();
                assertThat(folded.withdrawnOn).isNull();
                assertThat(withdraw.effectiveOn()).isAfter(folded.signing.effectiveOn());
                assertThat(withdraw.source().kind()).isEqualTo(SourceKind.SYNTHETIC);
                folded.withdrawnOn = withdraw.effectiveOn();
                known = withdraw.knownOn();
            } else {
                CorrectAgreement correct = (CorrectAgreement) command;
                Folded folded = agreements.get(correct.agreementId());
                assertThat(folded.county).as("the correction names the value held").isEqualTo(correct.oldValue());
                folded.county = correct.newValue();
                known = correct.knownOn();
            }
            assertThat(known).as("append order is the order facts became public").isAfterOrEqualTo(lastKnown);
            assertThat(known).isBeforeOrEqualTo(DemoFigures.LAST_KNOWN_DAY);
            lastKnown = known;
        }
        return agreements;
    }

    private static List<Folded> inForce(Map<String, Folded> agreements, LocalDate day) {
        return agreements.values().stream().filter(a -> a.inForce(day)).toList();
    }

    private static long agencies(List<Folded> agreements) {
        return agreements.stream().map(a -> a.signing.agencyId()).distinct().count();
    }

    private static long states(List<Folded> agreements) {
        return agreements.stream().map(a -> a.signing.state()).distinct().count();
    }

    @Test
    void theCalibratedHistoryReproducesEveryPublishedFigure() {
        DemoHistory history = DemoHistory.calibrated(42);
        Map<String, Folded> agreements = fold(history);

        assertThat(history.agreements()).isEqualTo(DemoFigures.DEFAULT_AGREEMENTS);
        assertThat(agencies(inForce(agreements, LocalDate.of(2021, 1, 20)))).isEqualTo(150);
        assertThat(agencies(inForce(agreements, LocalDate.of(2025, 1, 19)))).isEqualTo(135);
        List<Folded> fwd = inForce(agreements, LocalDate.of(2026, 1, 26));
        assertThat(agencies(fwd)).isEqualTo(1168);
        assertThat(states(fwd)).isEqualTo(39);
        Map<UsState, Long> byState = new HashMap<>();
        fwd.forEach(a -> byState.merge(a.signing.state(), 1L, Long::sum));
        assertThat(byState).containsEntry(UsState.FL, 342L).containsEntry(UsState.TX, 296L)
                .containsEntry(UsState.TN, 63L).containsEntry(UsState.PA, 58L).containsEntry(UsState.AL, 52L);
        List<Folded> ice = inForce(agreements, LocalDate.of(2026, 2, 15));
        assertThat(ice).hasSize(1415);
        assertThat(states(ice)).isEqualTo(40);
    }

    @Test
    void theMixIsPlausible() {
        DemoHistory history = DemoHistory.calibrated(7);
        Map<String, Folded> agreements = fold(history);
        double withdrawn = history.withdrawals() / (double) history.agreements();
        assertThat(withdrawn).isBetween(0.08, 0.12);
        assertThat(history.corrections() / (double) history.agreements()).isBetween(0.008, 0.035);
        long backdated = agreements.values().stream()
                .filter(a -> a.signing.knownOn().isAfter(a.signing.signedOn().plusDays(60))).count();
        assertThat(backdated / (double) agreements.size()).isBetween(0.02, 0.08);
        Map<SupportModel, Long> models = new HashMap<>();
        agreements.values().forEach(a -> models.merge(a.signing.model(), 1L, Long::sum));
        assertThat(models.get(SupportModel.TFM) / (double) agreements.size()).isBetween(0.40, 0.55);
        assertThat(models.get(SupportModel.WSO) / (double) agreements.size()).isBetween(0.30, 0.42);
        assertThat(models.get(SupportModel.JEM) / (double) agreements.size()).isBetween(0.10, 0.22);
        double perAgency = agreements.size()
                / (double) agreements.values().stream().map(a -> a.signing.agencyId()).distinct().count();
        assertThat(perAgency).isBetween(1.1, 1.35);
        // one name, one agency: names are unique within a state
        Map<String, String> nameOfAgency = new HashMap<>();
        Set<String> names = new HashSet<>();
        agreements.values().forEach(a -> {
            if (nameOfAgency.putIfAbsent(a.signing.agencyId(), a.signing.agencyName()) == null) {
                assertThat(names.add(a.signing.state() + "|" + a.signing.agencyName())).isTrue();
            }
        });
        assertThat(names).anyMatch(name -> name.endsWith("County Sheriff's Office"));
    }

    @Test
    void theSameSeedGivesTheSameHistoryAndAnotherSeedAnother() {
        assertThat(first(DemoHistory.calibrated(1), 50)).isEqualTo(first(DemoHistory.calibrated(1), 50));
        assertThat(first(DemoHistory.calibrated(1), 50)).isNotEqualTo(first(DemoHistory.calibrated(2), 50));
    }

    @Test
    void itScales() {
        DemoHistory small = DemoHistory.of(3, 300);
        assertThat(small.agreements()).isBetween(270, 330);
        fold(small);
        DemoHistory large = DemoHistory.of(3, 200_000);
        assertThat(large.agreements()).isBetween(190_000, 210_000);
        Iterator<Object> commands = large.commands();
        int n = 0;
        while (commands.hasNext()) {
            assertThat(commands.next()).isNotNull();
            n++;
        }
        assertThat(n).isEqualTo(large.size());
    }

    private static List<Object> first(DemoHistory history, int n) {
        List<Object> commands = new ArrayList<>();
        Iterator<Object> it = history.commands();
        for (int i = 0; i < n && it.hasNext(); i++) {
            commands.add(it.next());
        }
        return commands;
    }

}
