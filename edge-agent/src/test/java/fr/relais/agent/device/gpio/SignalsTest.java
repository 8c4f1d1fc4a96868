package fr.relais.agent.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SignalsTest {
    private static final int LED = 23;
    private static final int BUZZER = 24;

    private final MockGpio gpio = new MockGpio();
    private final GpioBoard board = gpio.board();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void closeEverything() {
        timers.shutdownNow();
        board.close();
        gpio.close();
    }

    private Signals signals(boolean withBuzzer) throws Exception {
        Wiring wiring = board.wiring("lecteur");
        OutputLine led = wiring.output("led", new Pin(LED, false, Pull.NONE));
        Optional<OutputLine> buzzer = withBuzzer
                ? Optional.of(wiring.output("buzzer", new Pin(BUZZER, false, Pull.NONE))) : Optional.empty();
        return new Signals(Optional.of(led), buzzer, new Timers(timers));
    }

    @Test
    void grantedIsTheLedOnceAndOneShortBeep() throws Exception {
        Signals signals = signals(true);
        List<Boolean> led = gpio.record(LED);
        List<Boolean> buzzer = gpio.record(BUZZER);
        signals.play(SignalPattern.GRANTED);
        await().until(() -> led.size() == 2);
        assertThat(led).containsExactly(true, false);
        assertThat(buzzer).containsExactly(true, false);
    }

    @Test
    void offlineBlinksUntilIdleAndComesBackAfterAOneOffPattern() throws Exception {
        Signals signals = signals(false);
        List<Boolean> led = gpio.record(LED);
        signals.play(SignalPattern.OFFLINE);
        await().until(() -> led.stream().filter(on -> on).count() >= 2);

        signals.play(SignalPattern.GRANTED);
        int granted = led.size();
        await().until(() -> led.size() >= granted + 4);
        assertThat(signals.background()).isEqualTo(SignalPattern.OFFLINE);

        signals.play(SignalPattern.IDLE);
        assertThat(gpio.high(LED)).isFalse();
        assertThat(signals.background()).isEqualTo(SignalPattern.IDLE);
    }

    @Test
    void aPatternWithNothingToPlayOnTheseLinesEndsAtOnce() throws Exception {
        Signals onlyBuzzer = new Signals(Optional.empty(),
                Optional.of(board.wiring("porte").output("buzzer", new Pin(BUZZER, false, Pull.NONE))),
                new Timers(timers));
        onlyBuzzer.play(SignalPattern.OFFLINE);
        assertThat(onlyBuzzer.wired()).isTrue();
        assertThat(gpio.high(BUZZER)).isFalse();
        assertThat(new Signals(Optional.empty(), Optional.empty(), new Timers(timers)).wired()).isFalse();
    }
}
