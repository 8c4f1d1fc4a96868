package fr.relais.agent.device.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.agent.config.ConfigException;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.DeviceConfig;
import fr.relais.protocol.DeviceKind;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ipp driver's settings, read from agent.yaml as the agent reads them. */
class IppSettingsTest {
    private static DeviceConfig device(String settings) throws ConfigException {
        return new ConfigLoader(Map.of()).parse("""
                node: rozoy-mediation-pi
                site: {id: rozoy-mediation, name: "Tiers-lieu de Rozoy-sur-Serre", kind: mediation}
                broker: {url: "tcp://127.0.0.1:1883"}
                storage: {file: agent.db}
                devices:
                  - id: imprimante-accueil
                    kind: printer
                    name: Imprimante de l'accueil
                    driver: ipp
                    settings: %s
                """.formatted(settings), Path.of("/tmp")).devices().get(0);
    }

    @Test
    void readsTheAddressAndTheThresholds() throws ConfigException {
        DeviceConfig config = device("{uri: \"ipp://192.168.1.20/ipp/print\", tonerWarningPercent: 20, tonerCriticalPercent: 8}");

        assertThat(config.kind()).isEqualTo(DeviceKind.PRINTER);
        IppSettings settings = config.settings(IppSettings.class);
        assertThat(settings.address().printerUri()).isEqualTo(URI.create("ipp://192.168.1.20:631/ipp/print"));
        assertThat(settings.address().httpUri()).isEqualTo(URI.create("http://192.168.1.20:631/ipp/print"));
        assertThat(settings.tonerWarningPercent()).isEqualTo(20);
        assertThat(settings.tonerCriticalPercent()).isEqualTo(8);
    }

    @Test
    void thresholdsHaveDefaults() throws ConfigException {
        IppSettings settings = device("{uri: \"http://localhost:60000/ipp/print\"}").settings(IppSettings.class);

        assertThat(settings.tonerWarningPercent()).isEqualTo(15);
        assertThat(settings.tonerCriticalPercent()).isEqualTo(5);
        assertThat(settings.address().printerUri()).as("ipp-usb's address, named as IPP names it")
                .isEqualTo(URI.create("ipp://localhost:60000/ipp/print"));
    }

    @ParameterizedTest(name = "{0} -> {1} and {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ipp://printer.local:631/ipp/print     | ipp://printer.local:631/ipp/print  | http://printer.local:631/ipp/print
            ipps://192.168.1.20/ipp/print         | ipps://192.168.1.20:631/ipp/print  | https://192.168.1.20:631/ipp/print
            http://192.168.1.20:631/ipp/print     | ipp://192.168.1.20:631/ipp/print   | http://192.168.1.20:631/ipp/print
            https://192.168.1.20/ipp/print        | ipps://192.168.1.20:443/ipp/print  | https://192.168.1.20:443/ipp/print
            http://192.168.1.20                   | ipp://192.168.1.20:80/             | http://192.168.1.20:80/
            IPP://[fe80::1]:8631/ipp/print        | ipp://[fe80::1]:8631/ipp/print     | http://[fe80::1]:8631/ipp/print
            """)
    void acceptsEveryUsualFormOfAPrintersAddress(String written, String printerUri, String httpUri) {
        PrinterAddress address = PrinterAddress.parse(written);

        assertThat(address.printerUri()).hasToString(printerUri);
        assertThat(address.httpUri()).hasToString(httpUri);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {uri: "lpd://192.168.1.20/queue"}                        | settings.uri: 'lpd://192.168.1.20/queue' must start with ipp://, ipps://, http:// or https://
            {uri: "192.168.1.20"}                                    | settings.uri: '192.168.1.20' must start with ipp://
            {uri: "ipp:///ipp/print"}                                | settings.uri: 'ipp:///ipp/print' names no host
            {uri: "ipp://a b/ipp/print"}                             | settings.uri: 'ipp://a b/ipp/print' is not a URI
            {uri: "ipp://admin:secret@host/ipp/print"}               | must not carry a user, a query or a fragment
            {uri: "ipp://host/ipp/print", tonerWarningPercent: 120}  | settings.tonerWarningPercent: must be between 0 and 100, got 120
            {uri: "ipp://host/ipp/print", tonerWarningPercent: 10, tonerCriticalPercent: 20} | settings.tonerCriticalPercent: must not be above tonerWarningPercent (10), got 20
            {uri: "ipp://host/ipp/print", toner: 10}                 | settings.toner
            {tonerWarningPercent: 10}                                | settings.uri: is required
            """)
    void refusesWithTheFieldAndTheReason(String settings, String message) {
        assertThatThrownBy(() -> device(settings)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void aPrinterNeedsSettings() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse("""
                node: n
                site: {id: s, name: S, kind: mediation}
                broker: {url: "tcp://127.0.0.1:1883"}
                storage: {file: agent.db}
                devices:
                  - {id: p, kind: printer, name: P, driver: ipp}
                """, Path.of("/tmp"))).hasMessageContaining("devices[0].settings: is required");
    }

    @Test
    void drivesPrintersOnly() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse("""
                node: n
                site: {id: s, name: S, kind: mediation}
                broker: {url: "tcp://127.0.0.1:1883"}
                storage: {file: agent.db}
                devices:
                  - {id: p, kind: scanner, name: P, driver: ipp, settings: {uri: "ipp://h/ipp/print"}}
                """, Path.of("/tmp"))).hasMessageContaining("devices[0].kind: driver 'ipp' drives [printer], not 'scanner'");
    }
}
