package fr.relais.agent.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.device.Device;
import fr.relais.protocol.Health;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpioPeopleCounterTest {
    private static final int OUTER = 20;
    private static final int INNER = 21;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final MockGpio gpio = new MockGpio();
    private final MovableClock clock = new MovableClock(
            ZonedDateTime.of(2026, 3, 28, 9, 0, 0, 0, PARIS).toInstant());
    private final TestContext context = new TestContext(clock, gpio.board());
    private final CapturingSink sink = new CapturingSink();
    private Device counter;

    @AfterEach
    void closeEverything() {
        if (counter != null) {
            counter.close();
        }
        context.close();
        gpio.close();
    }

    private Device open(String settings) throws Exception {
        counter = new PeopleCounterDriver().create(Settings.device("entree", new PeopleCounterDriver(),
                "outerBeam: " + OUTER + "\ninnerBeam: " + INNER + "\ndebounceMillis: 0\n" + settings), context);
        counter.open(sink);
        return counter;
    }

    /** Beams break (high) and clear (low) in this order, 80 ms apart: "O+ I+ O- I-". */
    private void walk(String steps) {
        for (String step : steps.split(" ")) {
            gpio.set(step.charAt(0) == 'O' ? OUTER : INNER, step.charAt(1) == '+');
            clock.advance(Duration.ofMillis(80));
        }
    }

    @Test
    void eachCrossingIsAnEventWithTheRunningCount() throws Exception {
        Device counter = open("");
        walk("O+ I+ O- I-");
        walk("O+ I+ O- I-");
        walk("I+ O+ I- O-");

        assertThat(sink.types()).containsExactly(DailyCount.ENTRY, DailyCount.ENTRY, DailyCount.EXIT);
        assertThat(sink.last(DailyCount.EXIT).data()).containsEntry("present", 1L).containsEntry("entries", 2L)
                .containsEntry("exits", 1L);
        assertThat(sink.last(DailyCount.EXIT).message()).isEqualTo("Sortie : 1 personne à l'intérieur");
        assertThat(counter.read(clock.instant()).metrics()).containsEntry("present", 1L).containsEntry("occupied", true)
                .containsEntry("rejectedSequences", 0L);
    }

    @Test
    void impossibleSequencesAreCountedAsRejectedAndNeverAsCrossings() throws Exception {
        Device counter = open("");
        walk("O+ I+ I- O-");
        walk("O+ O-");
        gpio.set(OUTER, true);
        gpio.set(INNER, true);
        walk("O- I-");

        assertThat(sink.types()).isEmpty();
        assertThat(counter.read(clock.instant()).metrics()).containsEntry("rejectedSequences", 3L)
                .containsEntry("lastRejection", "both-beams-at-once")
                .containsEntry("entries", 0L).containsEntry("exits", 0L).containsEntry("present", 0L);
    }

    @Test
    void anExitWithNobodyInsideLeavesPresentAtZero() throws Exception {
        Device counter = open("");
        walk("I+ O+ I- O-");
        assertThat(counter.read(clock.instant()).metrics()).containsEntry("present", 0L).containsEntry("exits", 1L)
                .containsEntry("unmatchedExits", 1L);
    }

    @Test
    void aBeamThatNeverClearsWarnsAndIsRefused() throws Exception {
        Device counter = open("crossingTimeoutSeconds: 15");
        walk("O+ I+ O-");
        clock.advance(Duration.ofSeconds(16));
        await().until(() -> sink.types().contains(GpioPeopleCounter.BEAM_BLOCKED));
        assertThat(counter.read(clock.instant()).health()).isEqualTo(Health.WARNING);
        assertThat(counter.read(clock.instant()).metrics()).containsEntry("beamBlocked", true)
                .containsEntry("lastRejection", CrossingTracker.BEAM_BLOCKED);

        walk("I-");
        assertThat(counter.read(clock.instant()).health()).isEqualTo(Health.OK);
        walk("O+ I+ O- I-");
        assertThat(sink.types()).containsExactly(GpioPeopleCounter.BEAM_BLOCKED, DailyCount.ENTRY);
    }

    @Test
    void countsStartAgainFromZeroAtTheResetTimeOfParisEvenAcrossTheChangeToSummerTime() throws Exception {
        Device counter = open("resetAt: \"04:00\"\ntimezone: Europe/Paris");
        walk("O+ I+ O- I-");
        walk("O+ I+ O- I-");
        walk("I+ O+ I- O-");

        // Saturday 28 March 2026, 9:00 in Paris; the clocks go forward on Sunday at 2:00.
        clock.set(ZonedDateTime.of(2026, 3, 29, 3, 59, 0, 0, PARIS).toInstant());
        assertThat(counter.read(clock.instant()).metrics()).containsEntry("present", 1L);
        clock.set(ZonedDateTime.of(2026, 3, 29, 4, 0, 0, 0, PARIS).toInstant());
        await().until(() -> sink.types().contains(DailyCount.RESET));

        assertThat(sink.last(DailyCount.RESET).data()).containsEntry("entries", 2L).containsEntry("exits", 1L)
                .containsEntry("present", 1L);
        assertThat(counter.read(clock.instant()).metrics()).containsEntry("present", 0L).containsEntry("entries", 0L)
                .containsEntry("exits", 0L);
        clock.advance(Duration.ofHours(23));
        assertThat(counter.read(clock.instant()).metrics()).containsEntry("entries", 0L);
        assertThat(sink.types()).as("one reset a day").containsOnlyOnce(DailyCount.RESET);
    }
}
