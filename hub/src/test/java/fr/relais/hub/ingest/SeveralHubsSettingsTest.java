package fr.relais.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.hub.ingest.write.IngestWriter;
import fr.relais.protocol.HubState;
import fr.relais.protocol.Presence;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Subscriptions, client ids and the other hubs' states, without a broker. */
class SeveralHubsSettingsTest {
    @Test
    void nodeMessagesAreSharedButStatesReachEveryHub() {
        assertThat(HubSubscriptions.shared("relais-hub")).containsExactly(
                "$share/relais-hub/relais/v1/+/+/birth", "$share/relais-hub/relais/v1/+/+/telemetry",
                "$share/relais-hub/relais/v1/+/+/event", "$share/relais-hub/relais/v1/+/+/reply");
        assertThat(HubSubscriptions.everyHub()).containsExactly("relais/v1/+/+/state", "relais/v1/_hub/state");
        assertThat(HubSubscriptions.shared(MqttSettings.NO_SHARING)).as("a broker without shared subscriptions")
                .containsExactly("relais/v1/+/+/birth", "relais/v1/+/+/telemetry", "relais/v1/+/+/event",
                        "relais/v1/+/+/reply");
    }

    @Test
    void theDefaultClientIdIsStableAndDiffersBetweenHubs() {
        assertThat(MqttSettings.defaultClientId(Optional.empty(), "Hub.Thierache.local", 8080))
                .isEqualTo("relais-hub-hub-thierache-local-8080");
        assertThat(MqttSettings.defaultClientId(Optional.empty(), "hub", 8081))
                .isNotEqualTo(MqttSettings.defaultClientId(Optional.empty(), "hub", 8080));
        assertThat(MqttSettings.defaultClientId(Optional.of("b"), "hub", 8080)).isEqualTo("relais-hub-b");
    }

    @Test
    void aShareGroupThatMqttCannotCarryIsRefused() {
        assertThatThrownBy(() -> new MqttSettings("tcp://x:1883", "hub", Optional.empty(), Optional.empty(), "a/b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share group");
        assertThatThrownBy(() -> new MqttSettings("tcp://x:1883", "hub", Optional.empty(), Optional.empty(), "#"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void followsWhichOtherHubsAreOnlineAndIgnoresItsOwnPastRuns() {
        OtherHubs others = new OtherHubs("relais-hub-a");
        assertThat(others.seen(state(Presence.ONLINE, "relais-hub-a/old-run"))).isFalse();
        assertThat(others.seen(state(Presence.LOST, "relais-hub-a/old-run"))).isFalse();
        assertThat(others.anyOnline()).as("its own past run is not another hub").isFalse();
        others.seen(state(Presence.ONLINE, OtherHubs.session("relais-hub-b", "1")));
        assertThat(others.anyOnline()).isTrue();
        assertThat(others.seen(state(Presence.LOST, "relais-hub-b/1"))).as("another hub is gone").isTrue();
        assertThat(others.anyOnline()).isFalse();
    }

    @Test
    void aBatchThatLostADeadlockToAnotherHubIsWrittenAgainNotOneByOne() {
        assertThat(IngestWriter.isConflict(new java.sql.SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(IngestWriter.isConflict(new RuntimeException(new java.sql.SQLException("x", "40001")))).isTrue();
        assertThat(IngestWriter.isConflict(new java.sql.SQLException("value too long", "22001"))).isFalse();
        assertThat(IngestWriter.isConflict(new NullPointerException())).isFalse();
    }

    private static HubState state(Presence presence, String session) {
        return new HubState(presence, session, Instant.parse("2026-11-28T09:00:00Z"));
    }
}
