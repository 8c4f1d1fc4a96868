package fr.relais.agent.device.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.agent.config.ConfigException;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.DeviceConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The escl driver's settings, read from agent.yaml as the agent reads them. */
class EsclSettingsTest {
    private static DeviceConfig device(String settings) throws ConfigException {
        return new ConfigLoader(Map.of()).parse("""
                node: rozoy-mediation-pi
                site: {id: rozoy-mediation, name: "Tiers-lieu de Rozoy-sur-Serre", kind: mediation}
                broker: {url: "tcp://127.0.0.1:1883"}
                storage: {file: agent.db}
                devices:
                  - {id: scanner-accueil, kind: scanner, name: Scanner, driver: escl, settings: %s}
                """.formatted(settings), Path.of("/tmp")).devices().get(0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://192.168.1.21/eSCL          | http://192.168.1.21/eSCL/ScannerStatus
            http://192.168.1.21/eSCL/         | http://192.168.1.21/eSCL/ScannerStatus
            https://scanner.local:443/eSCL    | https://scanner.local:443/eSCL/ScannerStatus
            http://localhost:60000/eSCL       | http://localhost:60000/eSCL/ScannerStatus
            HTTP://[fe80::2]:8080/escl        | http://[fe80::2]:8080/escl/ScannerStatus
            """)
    void readsTheEsclRoot(String url, String status) throws ConfigException {
        assertThat(device("{url: \"" + url + "\"}").settings(EsclSettings.class).statusUrl()).hasToString(status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {url: "ipp://192.168.1.21/eSCL"}         | settings.url: 'ipp://192.168.1.21/eSCL' must start with http:// or https://
            {url: "http://192.168.1.21"}             | settings.url: 'http://192.168.1.21' names no eSCL root (most scanners: http://192.168.1.21/eSCL)
            {url: "http:///eSCL"}                    | names no host
            {url: "http://h/eSCL?x=1"}               | must not carry a user, a query or a fragment
            {url: "http://h/eSCL", pollEvery: 3}     | settings.pollEvery
            {}                                       | settings.url: is required
            """)
    void refusesWithTheFieldAndTheReason(String settings, String message) {
        assertThatThrownBy(() -> device(settings)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }
}
