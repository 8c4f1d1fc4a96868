package fr.relais.hub.cowork;

import static fr.relais.hub.cowork.CoworkingHub.OTHER_SITE;
import static fr.relais.hub.cowork.CoworkingHub.PATIENCE;
import static fr.relais.hub.cowork.CoworkingHub.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The coworking API through real HTTP on a real hub, its data from real door events over MQTT. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class CoworkingApiTest {
    @Parameter
    TestDatabase.Kind kind;

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private CoworkingHub place;
    private ApiClient admin;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        place = new CoworkingHub(kind, dir, broker);
        admin = place.admin;
    }

    @AfterEach
    void stop() throws Exception {
        place.close();
    }

    private String plan(String site) throws Exception {
        return place.send(admin, "POST", "/api/coworking/plans", "{\"site\":\"" + site + "\",\"name\":\"Mensuel\","
                + "\"kind\":\"monthly\",\"doors\":[\"door-1\"],\"windows\":[{\"days\":[\"mon\",\"tue\",\"wed\","
                + "\"thu\",\"fri\"],\"from\":\"08:00\",\"until\":\"20:00\"}],\"validFrom\":\"2026-01-01\"}", 201)
                .path("id").asText();
    }

    private String member(String site, String name) throws Exception {
        return place.send(admin, "POST", "/api/coworking/members", "{\"site\":\"" + site + "\",\"name\":\"" + name
                + "\",\"organisation\":\"Atelier\"}", 201).path("id").asText();
    }

    @Test
    void membersPlansAndBadgesAreCreatedChangedAndAudited() throws Exception {
        String planId = plan(SITE);
        JsonNode created = place.send(admin, "POST", "/api/coworking/members", "{\"site\":\"" + SITE
                + "\",\"name\":\"Lucie Martin\",\"email\":\"lucie@example.org\",\"planId\":\"" + planId + "\"}", 201);
        String id = created.path("id").asText();
        assertThat(created.path("status").asText()).isEqualTo("active");
        assertThat(created.path("planId").asText()).isEqualTo(planId);
        assertThat(created.path("organisation").isNull()).isTrue();

        JsonNode suspended = place.send(admin, "PATCH", "/api/coworking/members/" + id,
                "{\"status\":\"suspended\",\"organisation\":\"Coop\"}", 200);
        assertThat(suspended.path("status").asText()).isEqualTo("suspended");
        assertThat(suspended.path("organisation").asText()).isEqualTo("Coop");
        assertThat(suspended.path("name").asText()).isEqualTo("Lucie Martin");
        assertThat(admin.json("/api/coworking/members/" + id).path("status").asText()).isEqualTo("suspended");

        JsonNode plans = place.items(admin, "/api/coworking/plans?site=" + SITE);
        assertThat(plans).hasSize(1);
        assertThat(plans.get(0).path("windows").get(0).path("days").toString())
                .isEqualTo("[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"]");
        JsonNode changedPlan = place.send(admin, "PATCH", "/api/coworking/plans/" + planId,
                "{\"windows\":[{\"days\":[\"sat\"],\"from\":\"09:00\",\"until\":\"24:00\"}]}", 200);
        assertThat(changedPlan.path("windows").get(0).path("until").asText()).isEqualTo("24:00");
        assertThat(changedPlan.path("doors").get(0).asText()).isEqualTo("door-1");

        // A badge held to a reader without door is an unknown read; enrolled, its hash stays in the hub.
        place.publish(place.accessEvent("badge", Instant.now(), "badgeHash", CoworkingHub.hash('a'),
                "format", "wiegand-26"));
        JsonNode reads = await().atMost(PATIENCE).until(() -> place.items(admin, "/api/coworking/unknown-reads?site="
                + SITE), found -> found.size() == 1);
        assertThat(reads.get(0).path("label").asText()).isEqualTo("aaaa");
        assertThat(reads.toString()).doesNotContain(CoworkingHub.hash('a'));
        JsonNode badge = place.send(admin, "POST", "/api/coworking/members/" + id + "/badges",
                "{\"fromUnknownRead\":\"" + reads.get(0).path("id").asText() + "\",\"badgeClass\":\"member\","
                        + "\"validUntil\":\"2027-06-30\"}", 201);
        assertThat(badge.path("label").asText()).isEqualTo("aaaa");
        assertThat(badge.path("status").asText()).isEqualTo("active");
        assertThat(badge.toString()).doesNotContain(CoworkingHub.hash('a'));
        assertThat(place.items(admin, "/api/coworking/unknown-reads?site=" + SITE)).isEmpty();
        assertThat(place.items(admin, "/api/coworking/members/" + id + "/badges")).hasSize(1);
        JsonNode revoked = place.send(admin, "PATCH", "/api/coworking/badges/" + badge.path("id").asText(),
                "{\"status\":\"revoked\"}", 200);
        assertThat(revoked.path("status").asText()).isEqualTo("revoked");
        place.send(admin, "PATCH", "/api/coworking/badges/" + badge.path("id").asText(), "{\"status\":\"active\"}",
                409);

        // An unknown read goes stale after 5 minutes: 410; an id never seen: 404.
        place.publish(place.accessEvent("access-denied", Instant.now(), "badgeHash", CoworkingHub.hash('b'),
                "door", "door-1", "reader", "reader-1", "direction", "entry", "reason", "unknown"));
        JsonNode denied = await().atMost(PATIENCE).until(() -> place.items(admin,
                "/api/coworking/unknown-reads?reader=reader-1"), found -> found.size() == 1);
        assertThat(denied.get(0).path("door").asText()).isEqualTo("door-1");
        place.clock.advance(Duration.ofMinutes(6));
        assertThat(place.items(admin, "/api/coworking/unknown-reads?site=" + SITE)).isEmpty();
        place.send(admin, "POST", "/api/coworking/members/" + id + "/badges", "{\"fromUnknownRead\":\""
                + denied.get(0).path("id").asText() + "\"}", 410);
        place.send(admin, "POST", "/api/coworking/members/" + id + "/badges",
                "{\"fromUnknownRead\":\"0190aaaa-0000-7000-8000-000000000000\"}", 404);
        HttpResponse<String> byNumber = admin.send("POST", "/api/coworking/members/" + id + "/badges",
                "{\"number\":\"12345678\"}");
        assertThat(byNumber.statusCode()).isEqualTo(400);
        assertThat(byNumber.body()).contains("no badge hash key for site " + SITE).doesNotContain("12345678");

        JsonNode audit = await().atMost(PATIENCE).until(() -> admin.json("/api/audit?limit=100"),
                rows -> rows.findValuesAsText("summary").stream().anyMatch(s -> s.contains("badge " + badge.path("id")
                        .asText() + " changed")));
        assertThat(audit.findValuesAsText("summary")).anyMatch(s -> s.startsWith("coworking member " + id + " created"))
                .anyMatch(s -> s.startsWith("coworking plan " + planId + " changed"))
                .anyMatch(s -> s.startsWith("coworking badge enrolled for member " + id));
    }

    @Test
    void anOverlappingBookingIsRefusedNamingTheOneItMeets() throws Exception {
        String member = member(SITE, "Paul");
        String room = place.send(admin, "POST", "/api/coworking/resources", "{\"site\":\"" + SITE
                + "\",\"name\":\"Salle du four\",\"kind\":\"room\",\"door\":\"door-2\"}", 201).path("id").asText();
        JsonNode first = place.send(admin, "POST", "/api/coworking/bookings", "{\"resourceId\":\"" + room
                + "\",\"memberId\":\"" + member + "\",\"from\":\"2026-12-07T09:00:00Z\",\"until\":\"2026-12-07T11:00:00Z\"}",
                201);
        HttpResponse<String> overlap = admin.send("POST", "/api/coworking/bookings", "{\"resourceId\":\"" + room
                + "\",\"memberId\":\"" + member + "\",\"from\":\"2026-12-07T10:30:00Z\",\"until\":\"2026-12-07T12:00:00Z\"}");
        assertThat(overlap.statusCode()).isEqualTo(409);
        JsonNode refusal = new com.fasterxml.jackson.databind.ObjectMapper().readTree(overlap.body());
        assertThat(refusal.path("error").asText()).contains(first.path("id").asText());
        assertThat(refusal.path("conflict").path("id").asText()).isEqualTo(first.path("id").asText());
        // Touching is not overlapping.
        place.send(admin, "POST", "/api/coworking/bookings", "{\"resourceId\":\"" + room + "\",\"memberId\":\""
                + member + "\",\"from\":\"2026-12-07T11:00:00Z\",\"until\":\"2026-12-07T12:00:00Z\"}", 201);
        assertThat(place.items(admin, "/api/coworking/bookings?site=" + SITE + "&from=2026-12-07T00:00:00Z"
                + "&to=2026-12-08T00:00:00Z")).hasSize(2);

        JsonNode cancelled = place.send(admin, "DELETE", "/api/coworking/bookings/" + first.path("id").asText(), null,
                200);
        assertThat(cancelled.path("cancelledAt").isNull()).isFalse();
        place.send(admin, "DELETE", "/api/coworking/bookings/" + first.path("id").asText(), null, 409);
        place.send(admin, "POST", "/api/coworking/bookings", "{\"resourceId\":\"" + room + "\",\"memberId\":\""
                + member + "\",\"from\":\"2026-12-07T10:30:00Z\",\"until\":\"2026-12-07T11:00:00Z\"}", 201);
        JsonNode page = admin.json("/api/coworking/bookings?site=" + SITE + "&limit=1");
        assertThat(page.path("items")).hasSize(1);
        assertThat(page.path("next").asText()).isNotEmpty();
        JsonNode second = admin.json("/api/coworking/bookings?site=" + SITE + "&limit=1&cursor="
                + page.path("next").asText());
        assertThat(second.path("items").get(0).path("id").asText())
                .isNotEqualTo(page.path("items").get(0).path("id").asText());
    }

    @Test
    void doorEventsMakeTheAccessLogPresenceAndPackDays() throws Exception {
        String pack = place.send(admin, "POST", "/api/coworking/plans", "{\"site\":\"" + SITE + "\",\"name\":\"10 jours\","
                + "\"kind\":\"pack\",\"doors\":[\"door-1\"],\"packDays\":10}", 201).path("id").asText();
        String member = place.send(admin, "POST", "/api/coworking/members", "{\"site\":\"" + SITE
                + "\",\"name\":\"Nadia\",\"planId\":\"" + pack + "\"}", 201).path("id").asText();
        assertThat(admin.json("/api/coworking/members/" + member).path("packDaysLeft").asInt()).isEqualTo(10);
        Instant in = place.clock.instant().minus(Duration.ofHours(2));
        String today = LocalDate.ofInstant(in, ZoneId.of("Europe/Paris")).toString();
        var entry = place.accessEvent("access-granted", in, "badgeHash", CoworkingHub.hash('c'), "member", member,
                "door", "door-1", "reader", "reader-1", "direction", "entry", "reason", "pack-day", "badgeClass", "member",
                "listVersion", "3", "packDay", today);
        place.publish(entry);
        place.publish(entry); // redelivered: the hub drops the duplicate
        // A second entry the same day uses no second day.
        place.publish(place.accessEvent("access-granted", in.plusSeconds(60), "member", member, "door", "door-1",
                "direction", "entry", "reason", "pack-day", "packDay", today));
        place.publish(place.accessEvent("access-denied", in.plusSeconds(90), "badgeHash", CoworkingHub.hash('d'),
                "door", "door-1", "direction", "entry", "reason", "outside-hours"));
        JsonNode log = await().atMost(PATIENCE).until(() -> place.items(admin, "/api/coworking/access-log?site=" + SITE),
                rows -> rows.size() == 3);
        assertThat(log.findValuesAsText("decision")).containsExactly("denied", "granted", "granted");
        assertThat(log.get(1).path("name").asText()).isEqualTo("Nadia");
        assertThat(log.get(0).path("reason").asText()).isEqualTo("outside-hours");
        assertThat(place.items(admin, "/api/coworking/access-log?member=" + member)).hasSize(2);
        assertThat(admin.json("/api/coworking/members/" + member).path("packDaysLeft").asInt()).isEqualTo(9);

        JsonNode now = place.items(admin, "/api/coworking/presence/now?site=" + SITE);
        assertThat(now).hasSize(1);
        assertThat(now.get(0).path("memberId").asText()).isEqualTo(member);
        assertThat(now.get(0).path("since").asText()).isEqualTo(in.toString());
        assertThat(now.get(0).path("door").asText()).isEqualTo("door-1");

        place.publish(place.accessEvent("access-granted", in.plusSeconds(3600), "member", member, "door", "door-1",
                "direction", "exit", "reason", "pack-day"));
        await().atMost(PATIENCE).until(() -> place.items(admin, "/api/coworking/presence/now?site=" + SITE).isEmpty());
        JsonNode visits = place.items(admin, "/api/coworking/presence?site=" + SITE);
        assertThat(visits).hasSize(1);
        assertThat(visits.get(0).path("checkout").asText()).isEqualTo("exit");
        assertThat(visits.get(0).path("checkedOutAt").asText()).isEqualTo(in.plusSeconds(3600).toString());

        // Back in, never out: the visit ends at the site's autoCheckoutAt (midnight, Paris) once it passed.
        Instant back = in.plusSeconds(5400);
        place.publish(place.accessEvent("access-granted", back, "member", member, "door", "door-1", "direction",
                "entry", "reason", "pack-day"));
        await().atMost(PATIENCE).until(() -> place.items(admin, "/api/coworking/presence/now?site=" + SITE).size() == 1);
        place.clock.advance(Duration.ofDays(1));
        assertThat(place.items(admin, "/api/coworking/presence/now?site=" + SITE)).isEmpty();
        Instant midnight = LocalDate.ofInstant(back, ZoneId.of("Europe/Paris")).plusDays(1).atStartOfDay(
                ZoneId.of("Europe/Paris")).toInstant();
        JsonNode after = place.items(admin, "/api/coworking/presence?site=" + SITE);
        assertThat(after.get(0).path("checkout").asText()).isEqualTo("auto");
        assertThat(after.get(0).path("checkedOutAt").asText()).isEqualTo(midnight.toString());

        JsonNode days = place.items(admin, "/api/coworking/presence?site=" + SITE + "&group=day");
        assertThat(days).hasSize(1);
        assertThat(days.get(0).path("visits").asInt()).isEqualTo(2);
        HttpResponse<String> csv = admin.get("/api/coworking/presence.csv?site=" + SITE + "&group=day");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body()).startsWith("period,memberId,name,visits,minutes\r\n")
                .contains(today + "," + member + ",Nadia,2,");
        HttpResponse<String> visitsCsv = admin.get("/api/coworking/presence.csv?site=" + SITE);
        assertThat(visitsCsv.body().split("\r\n")).hasSize(3);
    }

    @Test
    void aManagerWorksOnItsSiteOnlyAndAViewerNotAtAll() throws Exception {
        String there = member(OTHER_SITE, "Autre");
        ApiClient manager = place.account("gerante-rozoy", "manager", SITE);
        ApiClient viewer = place.account("maire-rozoy", "viewer", SITE);
        HttpResponse<String> noSite = admin.send("POST", "/api/accounts", "{\"username\":\"sans-site\","
                + "\"password\":\"a-long-enough-password\",\"role\":\"manager\"}");
        assertThat(noSite.statusCode()).isEqualTo(400);
        assertThat(noSite.body()).contains("needs a site");

        // No site given: its own.
        JsonNode mine = place.send(manager, "POST", "/api/coworking/members", "{\"name\":\"Claire\"}", 201);
        assertThat(mine.path("site").asText()).isEqualTo(SITE);
        assertThat(place.items(manager, "/api/coworking/members").findValuesAsText("name")).containsExactly("Claire");
        place.send(manager, "GET", "/api/coworking/members?site=" + OTHER_SITE, null, 403);
        place.send(manager, "POST", "/api/coworking/members", "{\"site\":\"" + OTHER_SITE + "\",\"name\":\"X\"}", 403);
        place.send(manager, "GET", "/api/coworking/members/" + there, null, 403);
        place.send(manager, "PATCH", "/api/coworking/members/" + there, "{\"status\":\"suspended\"}", 403);
        place.send(manager, "GET", "/api/coworking/sites/" + OTHER_SITE + "/settings", null, 403);
        JsonNode settings = place.send(manager, "PUT", "/api/coworking/sites/" + SITE + "/settings",
                "{\"timeZone\":\"Europe/Paris\",\"bookingMarginMinutes\":10,\"autoCheckoutAt\":\"22:00\"}", 200);
        assertThat(settings.path("bookingMarginMinutes").asInt()).isEqualTo(10);
        assertThat(place.send(manager, "GET", "/api/coworking/sites/" + SITE + "/settings", null, 200)
                .path("autoCheckoutAt").asText()).isEqualTo("22:00");
        // A manager reads the fleet of its site like a viewer, and acts on nothing else.
        place.send(manager, "GET", "/api/nodes", null, 200);
        place.send(manager, "GET", "/api/dead-letters", null, 403);
        place.send(manager, "GET", "/api/accounts", null, 403);

        place.send(viewer, "GET", "/api/coworking/members", null, 403);
        place.send(viewer, "POST", "/api/coworking/members", "{\"name\":\"Y\"}", 403);
        place.send(viewer, "GET", "/api/coworking/presence/now", null, 403);
        // An admin sees both sites.
        assertThat(place.items(admin, "/api/coworking/members")).hasSize(2);
    }

    @Test
    void garbageIsA400NamingTheField() throws Exception {
        String member = member(SITE, "Zoé");
        assertError("POST", "/api/coworking/members", "{\"site\":\"" + SITE + "\"", "not valid JSON");
        assertError("POST", "/api/coworking/members", "[1,2]", "must be a JSON object");
        assertError("POST", "/api/coworking/members", "{\"site\":\"" + SITE + "\",\"nom\":\"x\"}", "unknown field 'nom'");
        assertError("POST", "/api/coworking/members", "{\"site\":\"" + SITE + "\",\"name\":42}", "name must be a text");
        assertError("POST", "/api/coworking/members", "{\"site\":\"Not A Site\",\"name\":\"x\"}", "site");
        assertError("PATCH", "/api/coworking/members/" + member, "{\"status\":\"gone\"}", "status must be one of");
        assertError("POST", "/api/coworking/plans", "{\"site\":\"" + SITE + "\",\"name\":\"p\",\"kind\":\"monthly\","
                + "\"windows\":[{\"days\":[\"mon\"],\"from\":\"08:00\",\"until\":\"25:00\"}]}", "windows[0].until");
        assertError("POST", "/api/coworking/plans", "{\"site\":\"" + SITE + "\",\"name\":\"p\",\"kind\":\"monthly\","
                + "\"windows\":[{\"days\":[\"lun\"],\"from\":\"08:00\",\"until\":\"20:00\"}]}", "windows[0].days");
        assertError("POST", "/api/coworking/plans", "{\"site\":\"" + SITE + "\",\"name\":\"p\",\"kind\":\"pack\"}",
                "packDays is required");
        assertError("POST", "/api/coworking/bookings", "{\"resourceId\":\"r\",\"memberId\":\"" + member
                + "\",\"from\":\"demain\",\"until\":\"2026-12-07T11:00:00Z\"}", "from must be an instant");
        assertError("POST", "/api/coworking/bookings", "{\"resourceId\":\"r\",\"memberId\":\"" + member
                + "\",\"from\":\"2026-12-07T12:00:00Z\",\"until\":\"2026-12-07T11:00:00Z\"}", "until must be after from");
        assertError("PUT", "/api/coworking/sites/" + SITE + "/settings", "{\"timeZone\":\"Mars/Olympus\","
                + "\"bookingMarginMinutes\":15,\"autoCheckoutAt\":\"00:00\"}", "timeZone");
        assertError("GET", "/api/coworking/access-log?sit=" + SITE, null, "unknown parameter 'sit'");
        assertError("GET", "/api/coworking/bookings?from=yesterday", null, "from must be an instant");
        assertError("GET", "/api/coworking/members?cursor=bm90LWEtY3Vyc29y", null, "cursor");
        place.send(admin, "GET", "/api/coworking/members/nobody", null, 404);
    }

    private void assertError(String method, String path, String body, String message) throws Exception {
        HttpResponse<String> response = admin.send(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + " " + response.body()).isEqualTo(400);
        assertThat(response.body()).contains(message);
    }
}
