package fr.relais.bench.agent;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * The agent's configuration for the bench: the node {@code rozoy-pi} of
 * {@code provisioning/examples/territoire.yaml}, a mediation place (a kiosk, four public computers,
 * a USB printer and its scanner, a fibre line's probe, a room's presence sensor, an entrance
 * counter), every device simulated. Rates: what provisioning renders (no telemetry block, so the
 * node's telemetry and the devices without {@code pollSeconds} every 10 s; the probe's profile
 * every 60 s), but the printer every 30 s as the issue asks.
 */
final class PlaceConfig {
    static final String NODE = "rozoy-pi";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private PlaceConfig() {
    }

    /** The place for a simulated day at {@code timeScale} starting at {@code start}. */
    static String place(int brokerPort, long timeScale, Instant start) {
        return header(brokerPort) + """
                simulation: {timeScale: %d, start: "%s"}
                devices:
                  - {id: kiosk-accueil, kind: kiosk, name: "Borne d'accueil", driver: simulated}
                  - {id: poste-1, kind: computer, name: "Poste public n°1", driver: simulated}
                  - {id: poste-2, kind: computer, name: "Poste public n°2", driver: simulated}
                  - {id: poste-3, kind: computer, name: "Poste public n°3", driver: simulated}
                  - {id: poste-4, kind: computer, name: "Poste public n°4", driver: simulated}
                  - {id: imprimante-accueil, kind: printer, name: "Imprimante de l'accueil", driver: simulated,
                     pollSeconds: 30}
                  - {id: scanner-accueil, kind: scanner, name: "Scanner de l'accueil", driver: simulated}
                  - {id: sonde-internet, kind: probe, name: "Sonde de la liaison fibre", driver: simulated,
                     pollSeconds: 60, settings: {link: fibre}}
                  - {id: presence-salle, kind: presence-sensor, name: "Capteur de présence de la salle",
                     driver: simulated, settings: {simulates: gpio-presence, room: salle, holdSeconds: 120}}
                  - {id: compteur-entree, kind: presence-sensor, name: "Compteur des entrées", driver: simulated,
                     settings: {simulates: gpio-people-counter, resetAt: "03:00"}}
                """.formatted(timeScale, start);
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
