package fr.relais.agent.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckTargetTest {
    @Test
    void eachKindNamesItsDriverAndPutsTheTargetWhereTheDriverReadsIt() {
        assertThat(CheckTarget.of("printer", "ipp://host:631/ipp/print", List.of()).toString())
                .contains("driver=ipp").contains("\"uri\":\"ipp://host:631/ipp/print\"");
        assertThat(CheckTarget.of("scanner", "http://host/eSCL", List.of()).settings().get("url").asText())
                .isEqualTo("http://host/eSCL");
        assertThat(CheckTarget.of("probe", "tcp://host:443", List.of()).settings().get("targets").get(0).asText())
                .isEqualTo("tcp://host:443");
        assertThat(CheckTarget.of("badge", "/dev/input/by-id/usb-reader-event-kbd", List.of()).driver())
                .isEqualTo("evdev");
        assertThat(CheckTarget.of("badge", "/dev/ttyUSB0", List.of()).driver()).isEqualTo("serial-badge");
        assertThat(CheckTarget.of("gpio", "door", List.of()).kind()).isEqualTo("door");
    }

    @Test
    void optionsBecomeTypedAndNestedSettings() {
        CheckTarget door = CheckTarget.of("gpio", "door", List.of("--contact", "17", "--relay", "27",
                "--led.activeLow", "true", "--name", "porte"));
        assertThat(door.settings().get("contact").isNumber()).isTrue();
        assertThat(door.settings().get("contact").asInt()).isEqualTo(17);
        assertThat(door.settings().get("led").get("activeLow").asBoolean()).isTrue();
        assertThat(door.settings().get("name").asText()).isEqualTo("porte");
    }

    @Test
    void aBadCommandLineSaysWhatIsWrong() {
        assertThatThrownBy(() -> CheckTarget.of("toaster", "x", List.of())).hasMessageContaining("no kind 'toaster'");
        assertThatThrownBy(() -> CheckTarget.of("gpio", "window", List.of())).hasMessageContaining("door, presence");
        assertThatThrownBy(() -> CheckTarget.of("gpio", "door", List.of("--contact")))
                .hasMessage("--contact needs a value");
        assertThatThrownBy(() -> CheckTarget.of("gpio", "door", List.of("17", "--contact")))
                .hasMessageContaining("expected an option like --contact 17, got '17'");
    }
}
