package fr.relais.hub.territory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.van.TourHub;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET /api/territory} over the example territory, with nodes, devices and alerts as the
 * registry holds them: places worst first with their health in words, the van's stops, and a
 * viewer who sees their own place only. On SQLite and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class TerritoryApiTest {
    /** Tuesday 1 December 2026, 8:00 in Paris: the example tour has visits this month. */
    private static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");

    @Parameter
    TestDatabase.Kind kind;

    private TourHub hub;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        hub = new TourHub(kind, dir, NOW);
        long now = System.currentTimeMillis();
        try (Connection sql = DriverManager.getConnection(hub.testDatabase.url())) {
            node(sql, "montcornet-pi", "montcornet", "online", now);
            device(sql, "montcornet-pi", "imprimante", "printer", "Imprimante de l'accueil", "critical");
            device(sql, "montcornet-pi", "sonde", "probe", "Sonde de la box", "ok");
            node(sql, "rozoy-pi", "rozoy", "online", now);
            device(sql, "rozoy-pi", "imprimante", "printer", "Imprimante", "ok");
            device(sql, "rozoy-pi", "scanner", "scanner", "Scanner", "warning");
            // A van node that went offline (its Last Will): the van is critical, last heard an hour ago.
            node(sql, "spi-pi", "spi", "offline", now - 3_600_000);
            device(sql, "spi-pi", "sonde", "probe", "Sonde 4G", "ok");
            alert(sql, "a1", "montcornet", "montcornet-pi", "critical", "open");
            alert(sql, "a2", "montcornet", "montcornet-pi", "warning", "acknowledged");
            alert(sql, "a3", "montcornet", "montcornet-pi", "warning", "cleared");
            alert(sql, "a4", "rozoy", "rozoy-pi", "warning", "open");
            // Every device fine, but the box's own trouble (its outbox backing up) has an alert open.
            node(sql, "dizy-pi", "dizy-le-gros", "online", now);
            device(sql, "dizy-pi", "imprimante", "printer", "Imprimante", "ok");
            alert(sql, "a5", "dizy-le-gros", "dizy-pi", "warning", "open");
        }
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    @Test
    void everyPlaceComesWorstFirstWithItsHealthInWordsAndItsOpenAlerts() throws Exception {
        JsonNode territory = hub.send(hub.admin, "GET", "/api/territory", null, 200);

        assertThat(territory.path("example").asBoolean()).isTrue();
        List<String> order = new ArrayList<>();
        territory.path("places").forEach(place -> order.add(place.path("site").asText() + ":"
                + place.path("worst").asText()));
        assertThat(order).startsWith("montcornet:critical").contains("rozoy:warning")
                .as("an open alert makes its place at least as bad as its severity").contains("dizy-le-gros:warning")
                .as("places without a node yet are unknown, after the warnings")
                .contains("brunehamel:unknown", "rozoy-coworking:unknown")
                .as("the van has its own block").noneMatch(row -> row.startsWith("spi:"));
        assertThat(order.indexOf("dizy-le-gros:warning")).as("warnings before the unknown")
                .isLessThan(order.indexOf("brunehamel:unknown"));
        JsonNode montcornet = territory.path("places").get(0);
        assertThat(montcornet.path("healthWord").asText()).isEqualTo("En panne ou injoignable");
        assertThat(montcornet.path("communeName").asText()).isEqualTo("Montcornet");
        assertThat(montcornet.path("lat").asDouble()).isBetween(49.0, 50.5);
        assertThat(montcornet.path("nodes").path("online").asInt()).isEqualTo(1);
        assertThat(montcornet.path("devices").path("critical").asInt()).isEqualTo(1);
        assertThat(montcornet.path("devices").path("ok").asInt()).isEqualTo(1);
        assertThat(montcornet.path("alerts").path("critical").asInt()).isEqualTo(1);
        assertThat(montcornet.path("alerts").path("warning").asInt()).as("acknowledged is still open, cleared is not")
                .isEqualTo(1);
        JsonNode rozoy = place(territory, "rozoy");
        assertThat(rozoy.path("healthWord").asText()).isEqualTo("À surveiller");
        JsonNode brunehamel = place(territory, "brunehamel");
        assertThat(brunehamel.path("healthWord").asText()).isEqualTo("Aucun nœud n'a encore parlé");
        assertThat(brunehamel.path("nodes").path("total").asInt()).isZero();
        assertThat(brunehamel.path("name").asText()).as("no registry name yet: its commune's").isEqualTo("Brunehamel");
    }

    @Test
    void theVanSaysWhenItWasLastHeardAndWhereItStopsNext() throws Exception {
        JsonNode van = hub.send(hub.admin, "GET", "/api/territory", null, 200).path("van");

        assertThat(van.path("site").asText()).isEqualTo("spi");
        assertThat(van.path("worst").asText()).as("its node is offline").isEqualTo("critical");
        assertThat(Instant.parse(van.path("lastSeen").asText())).isBefore(Instant.now().minusSeconds(3000));
        JsonNode next = van.path("next");
        assertThat(next.path("day").asText()).isGreaterThanOrEqualTo("2026-12-01");
        assertThat(next.path("communeName").asText()).isNotBlank();
        assertThat(next.path("starts").asText()).matches("\\d\\d:\\d\\d");
        assertThat(next.path("lat").asDouble()).isBetween(49.0, 50.5);
    }

    @Test
    void theCommunesCarryTheBroadbandRoadmap() throws Exception {
        JsonNode communes = hub.send(hub.admin, "GET", "/api/territory", null, 200).path("communes");

        List<String> roadmap = new ArrayList<>();
        communes.forEach(c -> {
            if (c.path("roadmap").asBoolean()) {
                roadmap.add(c.path("name").asText());
            }
        });
        assertThat(roadmap).contains("Dohis", "Archon", "Parfondeval", "Résigny").doesNotContain("Montcornet");
    }

    @Test
    void aViewerSeesTheirOwnPlaceOnlyAndNoVan() throws Exception {
        ApiClient viewer = hub.account("lea", "viewer", "rozoy");

        JsonNode territory = hub.send(viewer, "GET", "/api/territory", null, 200);

        assertThat(territory.path("places")).hasSize(1);
        assertThat(territory.path("places").get(0).path("site").asText()).isEqualTo("rozoy");
        assertThat(territory.path("places").get(0).path("alerts").path("warning").asInt()).isEqualTo(1);
        assertThat(territory.path("van").isNull()).isTrue();
        assertThat(territory.toString()).doesNotContain("montcornet-pi", "Imprimante de l'accueil");
    }

    @Test
    void withoutAnAccountItIs401() throws Exception {
        hub.send(ApiClient.anonymous(hub.port()), "GET", "/api/territory", null, 401);
    }

    private static JsonNode place(JsonNode territory, String site) {
        for (JsonNode place : territory.path("places")) {
            if (place.path("site").asText().equals(site)) {
                return place;
            }
        }
        throw new AssertionError("no place " + site + " in " + territory);
    }

    private static void node(Connection sql, String id, String site, String state, long lastSeen) throws Exception {
        try (PreparedStatement insert = sql.prepareStatement(
                "INSERT INTO nodes (id, site_id, state, last_seen, last_state_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, site);
            insert.setString(3, state);
            insert.setLong(4, lastSeen);
            insert.setLong(5, lastSeen);
            insert.executeUpdate();
        }
    }

    private static void device(Connection sql, String node, String id, String kind, String name, String health)
            throws Exception {
        try (PreparedStatement insert = sql.prepareStatement("INSERT INTO devices (node_id, id, kind, name, simulated,"
                + " health, metrics, last_seen) VALUES (?, ?, ?, ?, FALSE, ?, '{}', ?)")) {
            insert.setString(1, node);
            insert.setString(2, id);
            insert.setString(3, kind);
            insert.setString(4, name);
            insert.setString(5, health);
            insert.setLong(6, System.currentTimeMillis());
            insert.executeUpdate();
        }
    }

    private static void alert(Connection sql, String id, String site, String node, String severity, String state)
            throws Exception {
        try (PreparedStatement insert = sql.prepareStatement("INSERT INTO alerts (id, condition_key, rule_id, site_id,"
                + " node_id, severity, state, flapping, message, since, opened_at, cleared_at)"
                + " VALUES (?, ?, 'rule', ?, ?, ?, ?, FALSE, 'message', 0, 0, ?)")) {
            insert.setString(1, id);
            insert.setString(2, "condition-" + id);
            insert.setString(3, site);
            insert.setString(4, node);
            insert.setString(5, severity);
            insert.setString(6, state);
            if ("cleared".equals(state)) {
                insert.setLong(7, 1);
            } else {
                insert.setNull(7, java.sql.Types.BIGINT);
            }
            insert.executeUpdate();
        }
    }
}
