package org.agreementledger.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The snapshot's id-to-number table against a HashMap filled the same way (the put the table replaced). */
class AgencyNumbersTest {

    @Test
    void numbersEveryIdAsAMapWouldAndNoOther() {
        SplittableRandom random = new SplittableRandom(18);
        for (int round = 0; round < 200; round++) {
            int n = random.nextInt(0, 3_000);
            String[] ids = new String[n];
            Map<String, Integer> expected = new HashMap<>();
            for (int a = 0; a < n; a++) {
                // a small id space, so some ids repeat (the last position wins, as with put)
                ids[a] = "agency-" + random.nextInt(0, Math.max(1, n));
                expected.put(ids[a], a);
            }
            AgencyNumbers numbers = new AgencyNumbers(ids);
            expected.forEach((id, a) -> assertThat(numbers.of(id)).as(id).isEqualTo(a));
            for (int k = 0; k < 50; k++) {
                String absent = "agency-" + (n + random.nextInt(0, 1_000_000));
                assertThat(numbers.of(absent)).as(absent).isEqualTo(-1);
            }
        }
    }

    @Test
    void aGrowingTableNumbersIdsInTheOrderTheyFirstCome() {
        SplittableRandom random = new SplittableRandom(287);
        for (int round = 0; round < 100; round++) {
            int n = random.nextInt(0, 5_000);
            AgencyNumbers numbers = AgencyNumbers.growing(random.nextInt(0, 64)); // grows many times
            Map<String, Integer> expected = new HashMap<>();
            for (int k = 0; k < n; k++) {
                String id = "agency-" + random.nextInt(0, Math.max(1, n / 2));
                Integer first = expected.putIfAbsent(id, expected.size());
                assertThat(numbers.number(id)).as(id).isEqualTo(first == null ? expected.size() - 1 : first);
            }
            assertThat(numbers.size()).isEqualTo(expected.size());
            expected.forEach((id, a) -> {
                assertThat(numbers.of(id)).as(id).isEqualTo(a);
                assertThat(numbers.id(a)).isEqualTo(id);
            });
            assertThat(numbers.of("agency-" + n)).isEqualTo(-1);
        }
    }

    @Test
    void collidingHashesStayApart() {
        // "Aa" and "BB" have the same String hash; every mix of them does too
        String[] ids = {"AaAa", "AaBB", "BBAa", "BBBB", "Aa", "BB"};
        AgencyNumbers numbers = new AgencyNumbers(ids);
        for (int a = 0; a < ids.length; a++) {
            assertThat(numbers.of(ids[a])).isEqualTo(a);
        }
        assertThat(numbers.of("AaAaAa")).isEqualTo(-1);
        assertThat(new AgencyNumbers(new String[0]).of("Aa")).isEqualTo(-1);
    }
}
