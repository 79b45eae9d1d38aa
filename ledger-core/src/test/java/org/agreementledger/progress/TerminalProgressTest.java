package org.agreementledger.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    private static final long TEN_SECONDS = Duration.ofSeconds(10).toNanos();

    @Test
    void halfWayShowsDoneOfTotalPercentRateAndTheTimeLeftAtThatRate() {
        assertThat(TerminalProgress.line("read x.xlsx", 500, 1000, TEN_SECONDS))
                .isEqualTo("read x.xlsx  [############------------]  500/1,000   50%  50/s  ETA 0:00:10");
    }

    @Test
    void beforeAnyRateTheTimeLeftIsUnknown() {
        assertThat(TerminalProgress.line("verify", 0, 1000, TEN_SECONDS)).endsWith("0/s  ETA ?");
    }

    @Test
    void whenDoneItShowsHowLongItTook() {
        assertThat(TerminalProgress.line("append", 3000, 3000, Duration.ofSeconds(75).toNanos()))
                .endsWith("3,000/3,000  100%  40/s  in 0:01:15");
    }

    @Test
    void withoutATotalItCountsAndShowsTheRate() {
        assertThat(TerminalProgress.line("rows", 1234, 0, TEN_SECONDS)).isEqualTo("rows  1,234  123/s");
    }

    @Test
    void aGrowingTotalIsShownAndOffALogTheLinesAreWholeLines() {
        StringWriter text = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(text), false);
        progress.start("rebuild", 10);
        progress.advance(5, 20);
        progress.finish();
        String[] lines = text.toString().split(System.lineSeparator());
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).contains("5/20").contains("ETA");
        assertThat(lines[1]).contains("5/5  100%").contains(" in ").doesNotContain("\r");
    }
}
