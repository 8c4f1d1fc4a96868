package fr.relais.agent.device.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.protocol.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A target is said lost, or back, once two polls in a row agree; a single odd poll says nothing. */
class ReachabilityTest {
    private static final TcpTarget HUB = new TcpTarget("hub.example", 8883);
    private static final LinkInterface WWAN = new LinkInterface(Optional.of("wwan0"), InterfaceKind.CELLULAR,
            Optional.of("up"));

    private final Reachability reachability = new Reachability();

    private static TargetResult up() {
        return new TargetResult(HUB, 5, List.of(48.0, 52.5, 61.0, 50.0, 49.0), Optional.empty());
    }

    private static TargetResult down() {
        return TargetResult.unreachable(HUB, 5, new Failure(FailureKind.TIMEOUT, "Connect timed out"));
    }

    private List<DeviceEvent> poll(TargetResult result) {
        return reachability.update(List.of(result), WWAN);
    }

    @Test
    void oneLostPollBetweenGoodOnesSaysNothing() {
        assertThat(poll(up())).isEmpty();
        assertThat(poll(down())).isEmpty();
        assertThat(poll(up())).isEmpty();
        assertThat(poll(down())).isEmpty();
        assertThat(poll(up())).isEmpty();
    }

    @Test
    void twoLostPollsSayLostOnceAndTwoGoodOnesSayBack() {
        assertThat(poll(down())).isEmpty();
        List<DeviceEvent> lost = poll(down());
        assertThat(poll(down())).isEmpty();
        assertThat(poll(up())).isEmpty();
        List<DeviceEvent> back = poll(up());

        assertThat(lost).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("target-unreachable");
            assertThat(event.severity()).isEqualTo(Severity.WARNING);
            assertThat(event.message()).isEqualTo(
                    "La cible hub.example:8883 ne répond plus depuis 2 mesures (pas de réponse dans le délai)");
            assertThat(event.data()).containsEntry("target", "hub.example:8883").containsEntry("sent", 5L)
                    .containsEntry("received", 0L).containsEntry("error", "timeout").containsEntry("interface", "wwan0");
        });
        assertThat(back).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("target-reachable");
            assertThat(event.severity()).isEqualTo(Severity.INFO);
            assertThat(event.message()).isEqualTo("La cible hub.example:8883 répond de nouveau (médiane 50 ms)");
            assertThat(event.data()).containsEntry("latencyMedianMs", 50.0).containsEntry("received", 5L);
        });
    }
}
