package fr.relais.agent.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.config.DeviceConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodePinsTest {
    @Test
    void findsAPinGivenToTwoDevicesOfTheNode() throws Exception {
        DeviceConfig door = Settings.device("porte", new GpioDoorDriver(), "relay: 27\ncontact: 17\nled: 23");
        DeviceConfig reader = Settings.device("lecteur", new WiegandDriver(), "d0: 14\nd1: 15\nled: 18");
        DeviceConfig pir = Settings.device("pir-salle", new GpioPresenceDriver(), "pir: {pin: 17, pull: none}");
        DeviceConfig printer = new DeviceConfig("imprimante", fr.relais.protocol.DeviceKind.PRINTER, "Imprimante",
                DeviceConfig.SIMULATED, Duration.ofSeconds(10), DeviceConfig.DEFAULT_READ_TIMEOUT, Map.of());

        assertThat(NodePins.conflict(List.of(door, reader, printer))).isEmpty();
        assertThat(NodePins.conflict(List.of(door, reader, pir))).contains(
                "device 'pir-salle' settings.pir: BCM 17 is already settings.contact of device 'porte'");
    }
}
