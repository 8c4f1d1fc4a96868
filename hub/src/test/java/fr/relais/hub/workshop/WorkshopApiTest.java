package fr.relais.hub.workshop;

import static fr.relais.hub.workshop.BookingsServer.OTHER_SITE;
import static fr.relais.hub.workshop.BookingsServer.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The workshops' API through real HTTP, on SQLite and PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class WorkshopApiTest {
    @Parameter
    TestDatabase.Kind kind;

    private BookingsServer server;
    private ApiClient admin;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        server = new BookingsServer(kind, dir);
        admin = server.admin;
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aFullWorkshopRefusesAndACancellationGivesTheSeatBack() throws Exception {
        String id = server.workshop(admin, SITE, 2);
        JsonNode lucie = server.send(admin, "POST", "/api/workshops/" + id + "/registrations",
                "{\"firstName\":\"Lucie\"}", 201);
        assertThat(lucie.path("number").asInt()).isEqualTo(1);
        assertThat(lucie.path("code").asText()).matches("[ABCDEFGHJKLMNPQRSTUVWXYZ2-9]{6}");
        // Anonymous: a number, no name.
        JsonNode anonymous = server.send(admin, "POST", "/api/workshops/" + id + "/registrations",
                "{\"firstName\":null}", 201);
        assertThat(anonymous.path("number").asInt()).isEqualTo(2);
        assertThat(anonymous.path("firstName").isNull()).isTrue();
        assertThat(anonymous.path("code").asText()).isNotEqualTo(lucie.path("code").asText());

        HttpResponse<String> full = admin.send("POST", "/api/workshops/" + id + "/registrations", "{}");
        assertThat(full.statusCode()).isEqualTo(409);
        assertThat(full.body()).contains("Plus de place");

        JsonNode listed = server.send(admin, "GET", "/api/workshops?site=" + SITE, null, 200).path("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("free").asInt()).isZero();
        assertThat(listed.get(0).path("registered").asInt()).isEqualTo(2);
        assertThat(listed.get(0).path("start").asText()).matches("\\d{4}-\\d\\d-\\d\\dT14:00:00\\+0[12]:00");

        // A code typed in lower case is the same code; the seat comes back, the numbers are never reused.
        server.send(admin, "DELETE", "/api/workshops/" + id + "/registrations/"
                + lucie.path("code").asText().toLowerCase(java.util.Locale.ROOT), null, 200);
        server.send(admin, "DELETE", "/api/workshops/" + id + "/registrations/" + lucie.path("code").asText(), null,
                404);
        JsonNode again = server.send(admin, "POST", "/api/workshops/" + id + "/registrations",
                "{\"firstName\":\"Marc\"}", 201);
        assertThat(again.path("number").asInt()).isEqualTo(3);
        JsonNode registrations = server.send(admin, "GET", "/api/workshops/" + id + "/registrations", null, 200)
                .path("items");
        assertThat(registrations.findValuesAsText("firstName")).contains("Lucie", "Marc");
        assertThat(registrations.get(0).path("cancelledAt").isNull()).isFalse();
        assertThat(server.changes.sites).as("each committed change told the publisher").hasSize(5).containsOnly(SITE);
    }

    @Test
    void aWorkshopIsChangedThenCancelledAndCancelledTakesNobody() throws Exception {
        String id = server.workshop(admin, SITE, 3);
        server.send(admin, "POST", "/api/workshops/" + id + "/registrations", "{}", 201);
        server.send(admin, "POST", "/api/workshops/" + id + "/registrations", "{}", 201);
        HttpResponse<String> fewer = admin.send("PATCH", "/api/workshops/" + id, "{\"seats\":1}");
        assertThat(fewer.statusCode()).isEqualTo(409);
        assertThat(fewer.body()).contains("seats");
        JsonNode changed = server.send(admin, "PATCH", "/api/workshops/" + id,
                "{\"title\":\"Premiers pas (2)\",\"professional\":true,\"seats\":5}", 200);
        assertThat(changed.path("title").asText()).isEqualTo("Premiers pas (2)");
        assertThat(changed.path("professional").asBoolean()).isTrue();
        assertThat(changed.path("free").asInt()).isEqualTo(3);
        assertThat(server.send(admin, "DELETE", "/api/workshops/" + id, null, 200).path("status").asText())
                .isEqualTo("cancelled");
        HttpResponse<String> refused = admin.send("POST", "/api/workshops/" + id + "/registrations", "{}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("annulé");
        server.send(admin, "PATCH", "/api/workshops/no-such-workshop", "{\"seats\":3}", 404);
    }

    @Test
    void aMediatorRunsOwnSiteOnlyAndAViewerReadsOnly() throws Exception {
        ApiClient mediator = server.account("mediatrice-montcornet", "mediator", OTHER_SITE);
        String rozoys = server.workshop(admin, SITE, 5);
        HttpResponse<String> other = mediator.send("POST", "/api/workshops", "{\"site\":\"" + SITE + "\",\"title\":\"X\","
                + "\"topic\":\"Y\",\"level\":\"beginner\",\"start\":\"2030-01-07T14:00:00+01:00\","
                + "\"end\":\"2030-01-07T15:00:00+01:00\",\"seats\":3}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
        assertThat(mediator.send("POST", "/api/workshops/" + rozoys + "/registrations", "{}").statusCode())
                .isEqualTo(403);
        assertThat(mediator.send("DELETE", "/api/workshops/" + rozoys, null).statusCode()).isEqualTo(403);
        assertThat(mediator.get("/api/workshops?site=" + SITE).statusCode()).isEqualTo(403);
        assertThat(mediator.get("/api/workshops/" + rozoys + "/registrations").statusCode()).isEqualTo(403);
        // Its own site: created, and its list shows its own only.
        server.workshop(mediator, OTHER_SITE, 4);
        JsonNode mine = server.send(mediator, "GET", "/api/workshops", null, 200).path("items");
        assertThat(mine.findValuesAsText("site")).containsExactly(OTHER_SITE);

        ApiClient viewer = server.account("mairie-rozoy", "viewer", SITE);
        assertThat(viewer.get("/api/workshops").statusCode()).isEqualTo(200);
        assertThat(viewer.send("POST", "/api/workshops/" + rozoys + "/registrations", "{}").statusCode())
                .isEqualTo(403);
        JsonNode audit = server.send(admin, "GET", "/api/audit?limit=100", null, 200);
        assertThat(audit.toString()).contains("workshop ").contains("created on " + OTHER_SITE);
    }

    @Test
    void garbageBodiesAreRefusedNamingTheField() throws Exception {
        String day = LocalDate.now().plusDays(2).toString();
        String good = "\"site\":\"" + SITE + "\",\"title\":\"T\",\"topic\":\"S\",\"start\":\""
                + BookingsServer.at(day, "10:00") + "\",\"end\":\"" + BookingsServer.at(day, "11:00") + "\"";
        assertRefused("/api/workshops", "{" + good + ",\"level\":\"beginner\",\"seats\":\"ten\"}", "seats");
        assertRefused("/api/workshops", "{" + good + ",\"level\":\"expert\",\"seats\":3}", "level");
        assertRefused("/api/workshops", "{" + good + ",\"level\":\"beginner\",\"seats\":0}", "seats");
        assertRefused("/api/workshops", "{" + good + ",\"level\":\"beginner\",\"seats\":3,\"room\":\"A\"}", "room");
        assertRefused("/api/workshops", "{\"site\":\"" + SITE + "\",\"title\":\"T\",\"topic\":\"S\",\"level\":\"beginner\","
                + "\"seats\":3,\"start\":\"tomorrow\",\"end\":\"2030-01-01T10:00:00Z\"}", "start");
        assertRefused("/api/workshops", "{\"site\":\"Rozoy Sur Serre\"}", "site");
        assertRefused("/api/workshops", "[1,2]", "JSON object");
        assertRefused("/api/workshops", "{not json", "not valid JSON");
        assertRefused("/api/workshops?site=" + SITE + "&color=red", null, "color");
        assertRefused("/api/workshops?from=yesterday", null, "from");
        String id = server.workshop(admin, SITE, 3);
        assertRefused("/api/workshops/" + id + "/registrations", "{\"firstName\":\"" + "x".repeat(41) + "\"}",
                "firstName");
        assertRefused("/api/workshops/" + id + "/registrations", "{\"firstName\":12}", "firstName");
        assertRefused("/api/workshops/" + id, "{\"status\":\"gone\"}", "status");
        assertThat(server.send(admin, "GET", "/api/workshops/" + id + "/registrations", null, 200).path("items"))
                .as("nothing was registered by the garbage").isEmpty();
    }

    private void assertRefused(String path, String body, String field) throws Exception {
        String method = body == null ? "GET" : path.matches("/api/workshops/[^/]+") ? "PATCH" : "POST";
        HttpResponse<String> response = admin.send(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + " " + body + ": " + response.body()).isEqualTo(400);
        assertThat(response.body()).as(method + " " + path).contains(field);
    }
}
