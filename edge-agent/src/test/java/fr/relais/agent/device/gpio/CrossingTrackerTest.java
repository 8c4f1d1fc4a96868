package fr.relais.agent.device.gpio;

import static fr.relais.agent.device.gpio.CrossingTracker.Beam.INNER;
import static fr.relais.agent.device.gpio.CrossingTracker.Beam.OUTER;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.device.gpio.CrossingTracker.Beam;
import fr.relais.agent.device.gpio.CrossingTracker.Crossed;
import fr.relais.agent.device.gpio.CrossingTracker.Direction;
import fr.relais.agent.device.gpio.CrossingTracker.Passage;
import fr.relais.agent.device.gpio.CrossingTracker.Refused;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrossingTrackerTest {
    private final CrossingTracker tracker = new CrossingTracker(Duration.ofSeconds(15));
    private Instant now = Instant.parse("2026-03-02T10:00:00Z");

    /** Plays "O+ I+ O- I-" (break, clear), 80 ms apart; returns what came out. */
    private List<Passage> play(String steps) {
        List<Passage> passages = new ArrayList<>();
        for (String step : steps.trim().split("\\s+")) {
            Beam beam = step.charAt(0) == 'O' ? OUTER : INNER;
            tracker.changed(beam, step.charAt(1) == '+', now).ifPresent(passages::add);
            now = now.plusMillis(80);
        }
        return passages;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "O+ I+ O- I-       | ENTRY | someone walks in",
        "O+ I+ O- O+ O- I- | ENTRY | legs flicker the outer beam",
        "I+ O+ I- O-       | EXIT  | someone walks out",
    })
    void aCrossingIsTheFirstBeamBrokenAndTheOtherClearedLast(String steps, Direction direction, String what) {
        assertThat(play(steps)).containsExactly(new Crossed(direction));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "O+ I+ I- O- | reversal    | a step in, then back out",
        "I+ O+ O- I- | reversal    | a step out, then back in",
        "O+ O-       | single-beam | someone turned back before the inner beam",
        "I+ I-       | single-beam | a hand through the inner beam",
    })
    void otherSequencesAreRefusedAndNeverCounted(String steps, String reason, String what) {
        assertThat(play(steps)).containsExactly(new Refused(reason));
    }

    @Test
    void beamsFurtherApartThanABodyMakeTwoSingleBeamsNotACrossing() {
        // Hence the wiring advice: the two beams 5 to 10 cm apart, so a body breaks both at once.
        assertThat(play("O+ O- I+ I-")).containsExactly(new Refused("single-beam"), new Refused("single-beam"));
    }

    @Test
    void bothBeamsBrokenAtTheSameInstantCannotBeOrdered() {
        tracker.changed(OUTER, true, now);
        tracker.changed(INNER, true, now.plusMillis(3));
        tracker.changed(OUTER, false, now.plusMillis(500));
        Optional<Passage> passage = tracker.changed(INNER, false, now.plusMillis(600));
        assertThat(passage).contains(new Refused("both-beams-at-once"));
    }

    @Test
    void aBeamThatNeverClearsIsRefusedOnceThenNothingCountsUntilBothAreClear() {
        play("O+ I+ O-");
        assertThat(tracker.tick(now.plusSeconds(10))).isEmpty();
        assertThat(tracker.tick(now.plusSeconds(16))).contains(new Refused(CrossingTracker.BEAM_BLOCKED));
        assertThat(tracker.tick(now.plusSeconds(60))).as("refused once").isEmpty();
        assertThat(tracker.blocked()).isTrue();
        now = now.plusSeconds(60);

        assertThat(play("O+ O- I-")).as("the end of the blocked sequence").isEmpty();
        assertThat(tracker.blocked()).isFalse();
        assertThat(play("I+ O+ I- O-")).containsExactly(new Crossed(Direction.EXIT));
    }

    @Test
    void aBeamBrokenAtStartIsBlockedUntilBothAreClear() {
        tracker.start(false, true);
        assertThat(tracker.blocked()).isTrue();
        assertThat(play("O+ O- I-")).isEmpty();
        assertThat(play("O+ I+ O- I-")).containsExactly(new Crossed(Direction.ENTRY));
    }

    @Test
    void aClearWithoutABreakIsNothing() {
        assertThat(play("O- I- O-")).isEmpty();
        assertThat(play("O+ I+ O- I-")).containsExactly(new Crossed(Direction.ENTRY));
    }
}
