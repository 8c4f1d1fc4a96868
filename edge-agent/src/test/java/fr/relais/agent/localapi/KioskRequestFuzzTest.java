package fr.relais.agent.localapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.relais.agent.access.AccessPolicy;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceReports;
import fr.relais.agent.device.Reading;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Any body posted to {@code /kiosk/v1/actions}: an answer (202, 503, 200) or a {@link BadRequest}
 * 400 with a French reason, never another exception; an event only for an accepted action, and its
 * data always scalars the contract knows. Seeds under {@code KioskRequestFuzzTestInputs/act}.
 */
class KioskRequestFuzzTest {
    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    private final BadgeReads reads = new BadgeReads("lecteur-borne", new DeviceReports() {
        @Override
        public void reading(String deviceId, Reading reading) {
        }

        @Override
        public void event(String deviceId, DeviceEvent event) {
        }
    }, Clock.systemUTC());
    private final ActionDesk desk = new ActionDesk((device, event) -> events.add(event), Optional.of("borne"),
            () -> true, Optional::empty, reads, new MemberCheck(Optional::empty, AccessPolicy.defaults()),
            new IssuedActions() {
                @Override
                public void issued(UUID id, String type, Instant at) {
                }

                @Override
                public Optional<String> typeOf(UUID id) {
                    return Optional.empty();
                }
            }, Clock.systemUTC());

    @FuzzTest(maxDuration = "5s")
    void act(byte[] body) {
        events.clear();
        ActionDesk.Answer answer;
        try {
            answer = desk.act(KioskJson.body(body));
        } catch (BadRequest e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).startsWith("Requête invalide");
            assertThat(events).as("nothing emitted for garbage").isEmpty();
            return;
        }
        assertThat(answer.status()).isIn(200, 202, 503);
        if (answer.status() == 202) {
            assertThat(events).hasSize(1);
            assertThat(events.get(0).data().values()).allMatch(value -> value instanceof String);
        }
    }
}
