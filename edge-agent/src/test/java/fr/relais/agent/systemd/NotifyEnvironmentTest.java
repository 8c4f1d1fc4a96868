package fr.relais.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifyEnvironmentTest {
    private static final long PID = 4242;

    @Test
    void pingsAtHalfTheWatchdogTimeout() {
        NotifyEnvironment environment = NotifyEnvironment.read(
                Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "60000000", "WATCHDOG_PID", "4242"), PID);
        assertThat(environment.underSystemd()).isTrue();
        assertThat(environment.watchdogTimeout()).contains(Duration.ofSeconds(60));
        assertThat(environment.pingInterval()).contains(Duration.ofSeconds(30));
    }

    @Test
    void noSocketMeansNotUnderSystemdWhateverElseIsSet() {
        NotifyEnvironment environment = NotifyEnvironment.read(Map.of("WATCHDOG_USEC", "60000000"), PID);
        assertThat(environment.underSystemd()).isFalse();
        assertThat(environment.pingInterval()).isEmpty();
    }

    @Test
    void noWatchdogWithoutWatchdogSec() {
        assertThat(NotifyEnvironment.read(Map.of("NOTIFY_SOCKET", "/run/systemd/notify"), PID).pingInterval())
                .isEmpty();
    }

    @Test
    void noPingsForAWatchdogMeantForAnotherProcess() {
        NotifyEnvironment environment = NotifyEnvironment.read(
                Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "60000000", "WATCHDOG_PID", "1"), PID);
        assertThat(environment.underSystemd()).isTrue();
        assertThat(environment.pingInterval()).isEmpty();
    }

    @Test
    void anUnreadableWatchdogTimeoutDisablesThePings() {
        for (String usec : new String[] {"sixty", "0", "-5", ""}) {
            NotifyEnvironment environment = NotifyEnvironment.read(
                    Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", usec), PID);
            assertThat(environment.pingInterval()).as(usec).isEmpty();
        }
    }
}
