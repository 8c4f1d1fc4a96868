package fr.relais.bench.agent;

import fr.relais.agent.config.ReportingPace;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * The agent's configuration for the bench: the node {@code rozoy-pi} of
 * {@code provisioning/examples/territoire.yaml}, a mediation place (a kiosk, four public computers,
 * a USB printer and its scanner, a fibre line's probe, a room's presence sensor, an entrance
 * counter), every device simulated, at the pace provisioning renders for the real node
 * ({@link ReportingPace}; {@code render --simulated} does not keep it): the node's health and the
 * devices without a {@code pollSeconds} every 60 s, the printer every 30 s (its kind's default), the
 * probe every 60 s (its profile's {@code pollSeconds}). The real room sensor and counter push their
 * changes as events when they happen; their simulations hand them over with each reading, and an
 * opening day's visitors and sessions do not depend on the poll. Left out: the kiosk's badge reader
 * ({@code lecteur-borne}), whose simulation reads a demo card at one poll in three where the real one
 * reads a technician's card now and then; its readings every 60 s would share the others' commit.
 */
final class PlaceConfig {
    static final String NODE = "rozoy-pi";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** The {@code pollSeconds} of territoire.yaml's probe profile ({@code sonde-liaison}). */
    static final int PROBE_SECONDS = 60;

    private PlaceConfig() {
    }

    /** The place for a simulated day at {@code timeScale} starting at {@code start}. */
    static String place(int brokerPort, long timeScale, Instant start) {
        return header(brokerPort) + """
                telemetry: {intervalSeconds: %d}
                simulation: {timeScale: %d, start: "%s"}
                devices:
                  - {id: kiosk-accueil, kind: kiosk, name: "Borne d'accueil", driver: simulated}
                  - {id: poste-1, kind: computer, name: "Poste public n°1", driver: simulated}
                  - {id: poste-2, kind: computer, name: "Poste public n°2", driver: simulated}
                  - {id: poste-3, kind: computer, name: "Poste public n°3", driver: simulated}
                  - {id: poste-4, kind: computer, name: "Poste public n°4", driver: simulated}
                  - {id: imprimante-accueil, kind: printer, name: "Imprimante de l'accueil", driver: simulated,
                     pollSeconds: %d}
                  - {id: scanner-accueil, kind: scanner, name: "Scanner de l'accueil", driver: simulated}
                  - {id: sonde-internet, kind: probe, name: "Sonde de la liaison fibre", driver: simulated,
                     pollSeconds: %d, settings: {link: fibre}}
                  - {id: presence-salle, kind: presence-sensor, name: "Capteur de présence de la salle",
                     driver: simulated, settings: {simulates: gpio-presence, room: salle, holdSeconds: 120}}
                  - {id: compteur-entree, kind: presence-sensor, name: "Compteur des entrées", driver: simulated,
                     settings: {simulates: gpio-people-counter, resetAt: "03:00"}}
                """.formatted(ReportingPace.NODE_SECONDS, timeScale, start, ReportingPace.PRINTER_SECONDS,
                PROBE_SECONDS);
    }

    /** The same node with no device and an hour between its own readings: what the agent costs doing nothing. */
    static String idle(int brokerPort) {
        return header(brokerPort).replace("storage:", "telemetry: {intervalSeconds: 3600}\nstorage:");
    }

    /** Midnight in Paris of the last Tuesday before {@code today}: an ordinary opening day, wholly past. */
    static Instant lastTuesday(LocalDate today) {
        return today.with(TemporalAdjusters.previous(DayOfWeek.TUESDAY)).atStartOfDay(PARIS).toInstant();
    }

    private static String header(int brokerPort) {
        return """
                node: %s
                site: {id: rozoy, name: "Tiers-lieu numérique de Rozoy-sur-Serre", kind: mediation}
                broker: {url: "tcp://127.0.0.1:%d", reconnectMinMillis: 100, reconnectMaxMillis: 1000}
                storage: {file: agent.db}
                clock: {source: always-synced}
                """.formatted(NODE, brokerPort);
    }
}
