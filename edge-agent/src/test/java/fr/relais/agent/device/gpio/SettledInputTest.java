package fr.relais.agent.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettledInputTest {
    private final MockGpio gpio = new MockGpio();
    private final GpioBoard board = gpio.board();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final List<String> settled = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeEverything() {
        timers.shutdownNow();
        board.close();
        gpio.close();
    }

    private SettledInput input(Duration settle) throws Exception {
        SettledInput input = new SettledInput(board.wiring("test").input("line", new Pin(6, false, Pull.DOWN)),
                settle, clock, new Timers(timers));
        input.start((active, since) -> settled.add(active + "@" + since));
        return input;
    }

    @Test
    void bouncesCountAsOneChangeDatedFromTheLastDeparture() throws Exception {
        SettledInput input = input(Duration.ofMillis(300));
        for (int i = 0; i < 10; i++) {
            gpio.set(6, true);
            clock.advance(Duration.ofMillis(1));
            gpio.set(6, false);
        }
        Instant lastDeparture = clock.instant();
        gpio.set(6, true);
        await().until(() -> !settled.isEmpty());
        assertThat(input.active()).isTrue();

        gpio.set(6, false);
        await().until(() -> settled.size() == 2);
        assertThat(settled).containsExactly("true@" + lastDeparture, "false@" + clock.instant());
    }

    @Test
    void aGlitchThatComesBackIsNoChangeAtAll() throws Exception {
        SettledInput input = input(Duration.ofMillis(300));
        gpio.set(6, true);
        gpio.set(6, false);
        gpio.set(6, true);
        gpio.set(6, false);
        clock.advance(Duration.ofSeconds(1));
        gpio.set(6, true);
        await().until(() -> !settled.isEmpty());
        assertThat(settled).as("the glitch's time is forgotten").containsExactly("true@" + clock.instant());
        assertThat(input.active()).isTrue();
    }

    @Test
    void withoutSettlingEveryEdgeCountsAtOnce() throws Exception {
        input(Duration.ZERO);
        gpio.set(6, true);
        gpio.set(6, false);
        assertThat(settled).hasSize(2);
    }
}
