package fr.relais.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "relais/v1/montcornet/montcornet-pi/state",
        "relais/v1/montcornet/montcornet-pi/birth",
        "relais/v1/montcornet/montcornet-pi/telemetry",
        "relais/v1/montcornet/montcornet-pi/event",
        "relais/v1/montcornet/montcornet-pi/reply",
        "relais/v1/montcornet/montcornet-pi/cmd/ping",
        "relais/v1/rozoy-cowork/rozoy-porte/access",
        "relais/v1/_hub/state"})
    void parsesAndPrintsBack(String path) throws InvalidMessageException {
        assertThat(Topic.parse(path).path()).isEqualTo(path);
    }

    @Test
    void readsTheLevels() throws InvalidMessageException {
        Topic topic = Topic.parse("relais/v1/spi/spi-van/cmd/set-config");
        assertThat(topic.kind()).isEqualTo(Topic.Kind.COMMAND);
        assertThat(topic.site()).isEqualTo("spi");
        assertThat(topic.node()).isEqualTo("spi-van");
        assertThat(topic.command()).isEqualTo("set-config");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                          | empty",
        "other/v1/a/b/state                          | outside the namespace",
        "relais/v2/a/b/state                         | outside the namespace",
        "relais/v1/a/b                               | lacks site, node or kind",
        "relais/v1/A/b/state                         | site 'A' must be lower-case",
        "relais/v1/a/+/state                         | node '+' must be lower-case",
        "relais/v1/a//state                          | node must not be empty",
        "relais/v1/a/b/weather                       | unknown kind 'weather'",
        "relais/v1/a/b/state/extra                   | extra levels after 'state'",
        "relais/v1/a/b/cmd                           | must be …/cmd/{name}",
        "relais/v1/a/b/cmd/x/y                       | must be …/cmd/{name}",
        "relais/v1/_hub/b/state                      | site '_hub' must be lower-case"})
    void refusesWhatIsNotOfTheContract(String path, String reason) {
        assertThatThrownBy(() -> Topic.parse(path))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("topic: ")
                .hasMessageContaining(reason);
    }

    @Test
    void hubSubscriptionsCoverNodeTopicsButNotCommands() {
        assertThat(Topic.hubSubscriptions())
                .contains("relais/v1/+/+/telemetry", "relais/v1/+/+/state")
                .noneMatch(filter -> filter.contains("cmd"));
        assertThat(Topic.commandFilter("spi", "spi-van")).isEqualTo("relais/v1/spi/spi-van/cmd/+");
    }

    @Test
    void accessListsGoToOneNodeAndAreNotMessages() throws InvalidMessageException {
        Topic access = Topic.access("rozoy-cowork", "rozoy-porte");

        assertThat(access.path()).isEqualTo("relais/v1/rozoy-cowork/rozoy-porte/access");
        assertThat(access.carriesMessage()).isFalse();
        assertThat(Topic.parse("relais/v1/rozoy-cowork/rozoy-porte/event").carriesMessage()).isTrue();
        assertThat(Topic.hubSubscriptions()).as("the hub writes access lists, it does not read them")
                .noneMatch(filter -> filter.endsWith("/access"));
        assertThatThrownBy(() -> new MessageCodec().decode(access, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("not a message");
    }
}
