package fr.relais.hub.alert;

import fr.relais.protocol.Health;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * What an alert's message says after its rule's description, in French: the technicians read it
 * on the dashboard and in their e-mail. Metric and event names stay as the agents send them, so
 * that a message can be matched with the telemetry and the rule file.
 */
public final class AlertTexts {
    /** The territory is in France: times as its technicians read them. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(ZoneId.of("Europe/Paris"));

    private AlertTexts() {
    }

    public static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    static String nodeState(String node, String state) {
        return switch (state) {
            case "offline" -> "le nœud " + node + " est hors ligne (il s'est arrêté en le disant)";
            case "lost" -> "le nœud " + node + " est perdu (sa connexion a coupé sans prévenir : son Last Will)";
            default -> "le nœud " + node + " est dans l'état " + state;
        };
    }

    static String silent(String node, long lastHeard) {
        return "le nœud " + node + " n'a rien envoyé depuis le " + time(lastHeard);
    }

    static String health(Health health) {
        return "l'appareil se dit " + switch (health) {
            case OK -> "en bon état";
            case WARNING -> "« à surveiller »";
            case CRITICAL -> "« critique »";
            case UNKNOWN -> "dans un état inconnu";
        };
    }

    static String rise(String metric, String rise, Object actual, long withinSeconds, String threshold) {
        return metric + " a augmenté de " + rise + ", jusqu'à " + actual + ", en " + withinSeconds
                + " s (alerte à partir de " + threshold + ")";
    }

    static String storage(long since, Long endedAt, String error) {
        return (endedAt == null
                ? "la base de données refuse les écritures du hub depuis le " + time(since)
                : "la base de données a refusé les écritures du hub du " + time(since) + " au " + time(endedAt))
                + (endedAt == null
                ? " ; les messages attendent chez le broker, non acquittés, et le hub réessaie"
                : " ; les messages ont attendu chez le broker et sont enregistrés depuis")
                + " (dernière erreur : " + error + ")";
    }

    static String event(String type, long lastReceivedAt) {
        return "« " + type + " » signalé, reçu pour la dernière fois le " + time(lastReceivedAt);
    }
}
