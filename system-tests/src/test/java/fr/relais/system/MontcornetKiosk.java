package fr.relais.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;

/** What the kiosk system tests share: Montcornet's node with its kiosk API, and the van's public calendars. */
final class MontcornetKiosk {
    static final String SITE = "montcornet";
    static final String NODE = "montcornet-pi";

    private MontcornetKiosk() {
    }

    /** Montcornet's agent.yaml under {@code dir/node}: a simulated kiosk and printer, the kiosk API writing {@code linkFile}. */
    static Path agentConfig(Path dir, String brokerUrl, Path linkFile) throws Exception {
        Path file = dir.resolve("node").resolve("agent.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                node: %s
                site: {id: %s, name: "Tiers-lieu numérique de Montcornet", kind: mediation}
                broker: {url: "%s", reconnectMinMillis: 100, reconnectMaxMillis: 1000}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 5}
                clock: {source: always-synced}
                kioskApi: {port: 0, linkFile: "%s"}
                devices:
                  - id: borne
                    kind: kiosk
                    name: Borne d'accueil
                    driver: simulated
                  - id: imprimante
                    kind: printer
                    name: Imprimante de l'accueil
                    driver: simulated
                """.formatted(NODE, SITE, brokerUrl, linkFile));
        return file;
    }

    /**
     * The public calendar at {@code calendarUrl}, fetched without login and parsed with ical4j. The
     * URL names the hub's public address; the hub under test listens on a port chosen at start.
     */
    static Calendar calendar(String calendarUrl, int hubPort) throws Exception {
        URI local = URI.create("http://127.0.0.1:" + hubPort + URI.create(calendarUrl).getRawPath());
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(local).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/calendar");
        return new CalendarBuilder().build(new StringReader(response.body()));
    }
}
