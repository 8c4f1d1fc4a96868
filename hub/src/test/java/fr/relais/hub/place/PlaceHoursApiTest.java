package fr.relais.hub.place;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.van.TourHub;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hours of a place the dashboard's "Horaires" page opens before anyone typed them: a site the
 * registry knows but with no place data and no hours yet is an empty, closed week (so the page
 * can be filled in), an unknown site is 404, a malformed one 400; every write of the hours is audited. On SQLite
 * and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class PlaceHoursApiTest {
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    /** A place just provisioned: its node was born (a row in sites), nobody gave it an address or hours. */
    private static final String NEW_SITE = "marle";

    @Parameter
    TestDatabase.Kind kind;

    private TourHub hub;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        hub = new TourHub(kind, dir, NOW);
        try (Connection sql = DriverManager.getConnection(hub.testDatabase.url());
             Statement insert = sql.createStatement()) {
            insert.executeUpdate("INSERT INTO sites (id, name, kind, updated_at) VALUES ('" + NEW_SITE
                    + "', 'Tiers-lieu numérique de Marle', 'mediation', 0)");
        }
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    @Test
    void aKnownSiteWithoutPlaceDataHasAnEmptyClosedWeekThatCanBeFilledIn() throws Exception {
        JsonNode empty = hub.send(hub.admin, "GET", "/api/places/" + NEW_SITE + "/hours", null, 200);

        assertThat(empty.path("site").asText()).isEqualTo(NEW_SITE);
        assertThat(empty.path("weekly").isArray()).isTrue();
        assertThat(empty.path("weekly")).isEmpty();
        assertThat(empty.path("exceptions").isArray()).isTrue();
        assertThat(empty.path("exceptions")).isEmpty();
        assertThat(empty.path("now").path("open").asBoolean(true)).as("no hours: closed").isFalse();
        assertThat(empty.path("now").path("opensAt").isNull()).as("and it never opens").isTrue();
        assertThat(empty.path("now").path("closesAt").isNull()).isTrue();
        assertThat(empty.path("timeZone").asText()).isEqualTo("Europe/Paris");

        JsonNode filled = hub.send(hub.admin, "PUT", "/api/places/" + NEW_SITE + "/hours",
                "{\"weekly\":[{\"day\":\"TUESDAY\",\"opens\":\"09:00\",\"closes\":\"12:00\"}]}", 200);
        assertThat(filled.path("weekly")).hasSize(1);
        assertThat(filled.path("now").path("open").asBoolean()).as("Tuesday 09:00 in Paris").isTrue();
        assertThat(hub.send(hub.admin, "GET", "/api/places/" + NEW_SITE + "/hours", null, 200).path("weekly"))
                .hasSize(1);
    }

    @Test
    void everyWriteOfTheHoursIsInTheAuditWithWhoAndWhatItDid() throws Exception {
        fr.relais.hub.ApiClient mediator = hub.account("mediatrice-marle", "mediator", NEW_SITE);
        fr.relais.hub.ApiClient other = hub.account("mediateur-rozoy", "mediator", "rozoy");
        String hours = "/api/places/" + NEW_SITE + "/hours";
        hub.send(mediator, "PUT", hours, "{\"weekly\":[{\"day\":\"TUESDAY\",\"opens\":\"09:00\","
                + "\"closes\":\"12:00\"},{\"day\":\"FRIDAY\",\"opens\":\"14:00\",\"closes\":\"17:00\"}]}", 200);
        String id = hub.send(mediator, "POST", hours + "/exceptions",
                "{\"date\":\"2026-12-24\",\"closed\":true,\"label\":\"Réveillon\"}", 201).path("id").asText();
        hub.send(other, "DELETE", hours + "/exceptions/" + id, null, 403);
        hub.send(mediator, "DELETE", hours + "/exceptions/" + id, null, 204);

        // Recorded once each answer is sent: the rows come a moment after.
        JsonNode rows = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(
                () -> hub.send(hub.admin, "GET", "/api/audit?limit=100", null, 200),
                items -> items.findValuesAsText("path").stream().filter(path -> path.startsWith(hours)).count() == 4);
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (JsonNode row : rows) {
            if (row.path("path").asText().startsWith(hours)) {
                lines.add(row.path("username").asText() + " " + row.path("method").asText() + " "
                        + row.path("status").asInt() + " " + row.path("summary").asText());
            }
        }
        assertThat(lines).containsExactlyInAnyOrder(
                "mediatrice-marle PUT 200 weekly hours of marle replaced (2 periods)",
                "mediatrice-marle POST 201 hours exception " + id + " of marle on 2026-12-24",
                "mediateur-rozoy DELETE 403 hours exception " + id + " of marle deleted",
                "mediatrice-marle DELETE 204 hours exception " + id + " of marle deleted");
    }

    @Test
    void anUnknownSiteIs404AndAMalformedOne400() throws Exception {
        JsonNode unknown = hub.send(hub.admin, "GET", "/api/places/nowhere/hours", null, 404);
        assertThat(unknown.toString()).contains("nowhere");
        hub.send(hub.admin, "PUT", "/api/places/nowhere/hours", "{\"weekly\":[]}", 404);
        hub.send(hub.admin, "GET", "/api/places/Not%20A%20Site/hours", null, 400);
    }
}
