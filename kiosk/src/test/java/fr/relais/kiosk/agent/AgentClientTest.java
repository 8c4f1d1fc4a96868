package fr.relais.kiosk.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.kiosk.sample.SampleContent;
import fr.relais.protocol.content.PlaceContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client over real HTTP: restarts of the agent, garbage answers, the offline refusal. */
class AgentClientTest {
    @TempDir
    Path dir;

    @Test
    void anAgentRestartedOnAnotherPortWithANewTokenIsFoundAgainThroughTheLinkFile() throws Exception {
        PlaceContent content = SampleContent.forKind("van", Instant.now());
        AgentClient client;
        try (FakeAgent first = new FakeAgent(dir, content)) {
            client = new AgentClient(first.linkFile());
            assertThat(client.status().site()).isEqualTo("spi");
        }
        try (FakeAgent second = new FakeAgent(dir, content)) {
            // Same file, new port and token: the failed request reads the file again and is tried once more.
            assertThat(client.content().content().van().communes()).isNotEmpty();
            assertThat(second.unauthorized()).isZero();
        }
    }

    @Test
    void aStaleTokenIsRefusedThenTheFileIsReadAgain() throws Exception {
        try (FakeAgent agent = new FakeAgent(dir, SampleContent.forKind("mediation", Instant.now()))) {
            String good = Files.readString(agent.linkFile());
            Files.writeString(agent.linkFile(), good.replaceAll("\"token\":\"[^\"]+\"", "\"token\":\"old\""));
            AgentClient client = new AgentClient(agent.linkFile());
            assertThatThrownBy(client::status).isInstanceOf(AgentException.class)
                    .extracting(e -> ((AgentException) e).status()).isEqualTo(401);

            Files.writeString(agent.linkFile(), good);

            assertThat(client.status().linkUp()).isTrue();
        }
    }

    @Test
    void aMissingOrGarbledLinkFileIsAClearError() throws Exception {
        assertThatThrownBy(() -> new AgentClient(dir.resolve("none.json")).status())
                .isInstanceOf(AgentException.class).hasMessageContaining("unreadable");
        Path garbage = Files.writeString(dir.resolve("link.json"), "{\"url\":\"ftp://x\",\"token\":\"t\"}");
        assertThatThrownBy(() -> new AgentClient(garbage).status())
                .isInstanceOf(AgentException.class).hasMessageContaining("is not http://host:port");
    }

    @Test
    void contentTheCodecRefusesIsAnErrorAndTheStateKeepsTheLastGoodOne() throws Exception {
        PlaceContent good = SampleContent.forKind("mediation", Instant.now());
        AgentState state = new AgentState(true);
        state.contentReceived(new AgentReplies.Content(Instant.now(), true, good), Instant.now());

        // What the agent would serve if it kept a document the codec refuses (an unknown field).
        String garbled = "{\"refreshedAt\":null,\"link\":\"up\",\"content\":{\"v\":1,\"surprise\":true}}";
        assertThatThrownBy(() -> AgentJson.content(AgentJson.parse(garbled.getBytes())))
                .isInstanceOf(AgentException.class).hasMessageContaining("invalid kiosk content");
        assertThatThrownBy(() -> AgentJson.parse("not json".getBytes()))
                .isInstanceOf(AgentException.class).hasMessageContaining("not JSON");

        state.unreachable();
        assertThat(state.content()).isSameAs(good);
        assertThat(state.linkUp()).isFalse();
    }

    @Test
    void anActionTheAgentNeverIssuedOrForgotComesBackAsLost() throws Exception {
        try (FakeAgent agent = new FakeAgent(dir, SampleContent.forKind("mediation", Instant.now()))) {
            AgentClient client = new AgentClient(agent.linkFile());
            String id = client.act("appointment-book", Map.of("slot", "s1-10", "firstName", "Paul")).action();
            assertThat(client.action(id).state()).isEqualTo("pending");

            agent.forgetActions();
            AgentReplies.Action lost = client.action(id);

            assertThat(lost.state()).isEqualTo(AgentReplies.Action.LOST);
            assertThat(lost.finished()).as("nothing more to wait for").isTrue();
            assertThat(lost.action()).isEqualTo(id);
        }
    }

    @Test
    void anActionThatNeedsTheHubWhileItIsUnreachableComesBackAsOffline() throws Exception {
        try (FakeAgent agent = new FakeAgent(dir, SampleContent.forKind("mediation", Instant.now()))) {
            agent.linkUp(false);
            AgentReplies.Action action = new AgentClient(agent.linkFile())
                    .act("appointment-book", Map.of("slot", "s1-10", "firstName", "Paul"));

            assertThat(action.state()).isEqualTo("offline");
            assertThat(action.message()).isEqualTo("La réservation sera possible quand la connexion reviendra.");
        }
    }
}
