package fr.relais.hub.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET /api/events} on the hub's real router over stored events: newest first, pages that
 * follow each other through the Link header without losing or repeating a row (several events in
 * the same millisecond included), the filters, a site-scoped account held to its site, and bad
 * parameters refused with a 400 naming them. On SQLite and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class EventApiTest {
    private static final Instant BASE = Instant.parse("2026-12-01T08:00:00Z");
    private static final int ROZOY_EVENTS = 24;
    private static final int MONTCORNET_EVENTS = 6;

    @Parameter
    TestDatabase.Kind kind;

    /** One hub per engine for the whole class: the tests only read, and each creates its own accounts. */
    private static HistoryHub hub;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase.Kind kind) throws Exception {
        hub = HistoryHub.start(kind);
        hub.site("rozoy");
        hub.site("montcornet");
        hub.node("rozoy-pi", "rozoy");
        hub.node("montcornet-pi", "montcornet");
        // Two rozoy events in each second, and montcornet's in the same seconds: ties the cursor must order.
        for (int i = 0; i < ROZOY_EVENTS; i++) {
            boolean printer = i % 2 == 0;
            event(String.format("r-%02d", i), "rozoy-pi", printer ? "imprimante" : "porte",
                    printer ? "paper-jam" : "entry", BASE.plusSeconds(i / 2), i % 5 != 0, "{\"n\":" + i + "}");
        }
        for (int i = 0; i < MONTCORNET_EVENTS; i++) {
            event(String.format("m-%02d", i), "montcornet-pi", "imprimante", "paper-jam", BASE.plusSeconds(i), true,
                    "{\"n\":" + i + "}");
        }
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        hub.close();
    }

    @Test
    void threePagesFollowTheLinkWithoutLossOrDuplicateNewestFirst() throws Exception {
        List<HistoryHub.Page> pages = hub.pages(hub.admin, "/api/events?limit=10");

        assertThat(pages).hasSize(3);
        assertThat(pages).allSatisfy(page -> {
            assertThat(page.total()).isEqualTo(ROZOY_EVENTS + MONTCORNET_EVENTS);
            assertThat(page.rows()).hasSize(10);
        });
        assertThat(pages.get(2).next()).as("the last page has no Link").isEmpty();
        List<JsonNode> rows = rows(pages);
        List<String> ids = rows.stream().map(row -> row.path("id").asText()).toList();
        assertThat(ids).doesNotHaveDuplicates().hasSize(ROZOY_EVENTS + MONTCORNET_EVENTS);
        assertThat(rows).as("newest received first, then by id")
                .isSortedAccordingTo(Comparator.comparing((JsonNode row) -> row.path("receivedAt").asText())
                        .thenComparing(row -> row.path("id").asText()).reversed());
    }

    @Test
    void theLinkKeepsTheFilters() throws Exception {
        List<HistoryHub.Page> pages = hub.pages(hub.admin, "/api/events?node=rozoy-pi&type=entry&limit=5");

        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).next().orElseThrow()).contains("node=rozoy-pi", "type=entry", "limit=5", "cursor=");
        List<JsonNode> rows = rows(pages);
        assertThat(rows).hasSize(ROZOY_EVENTS / 2).allSatisfy(row -> {
            assertThat(row.path("node").asText()).isEqualTo("rozoy-pi");
            assertThat(row.path("type").asText()).isEqualTo("entry");
        });
    }

    @Test
    void anEventSaysWhereWhenAndWhatItCarried() throws Exception {
        JsonNode event = hub.send(hub.admin, "/api/events?node=montcornet-pi&limit=1", 200).get(0);

        assertThat(event.path("id").asText()).isEqualTo("m-05");
        assertThat(event.path("site").asText()).isEqualTo("montcornet");
        assertThat(event.path("node").asText()).isEqualTo("montcornet-pi");
        assertThat(event.path("device").asText()).isEqualTo("imprimante");
        assertThat(event.path("type").asText()).isEqualTo("paper-jam");
        assertThat(event.path("severity").asText()).isEqualTo("warning");
        assertThat(event.path("message").asText()).isEqualTo("Bourrage papier");
        assertThat(event.path("data").isObject()).isTrue();
        assertThat(event.path("data").path("n").asInt()).isEqualTo(5);
        assertThat(event.path("receivedAt").asText()).isEqualTo(BASE.plusSeconds(5).toString());
        assertThat(event.path("deviceTs").asText()).isEqualTo(BASE.plusSeconds(5).minusMillis(300).toString());
        assertThat(event.path("clockSynced").asBoolean()).isTrue();
        JsonNode unsynced = hub.send(hub.admin, "/api/events?node=rozoy-pi&type=paper-jam&from="
                + BASE + "&to=" + BASE.plusSeconds(1), 200);
        assertThat(unsynced).hasSize(1);
        assertThat(unsynced.get(0).path("clockSynced").asBoolean()).as("r-00: i % 5 == 0").isFalse();
    }

    @Test
    void theFiltersNarrowTheListAndTheCount() throws Exception {
        assertThat(hub.page(hub.admin, "/api/events?node=montcornet-pi").total()).isEqualTo(MONTCORNET_EVENTS);
        assertThat(hub.page(hub.admin, "/api/events?site=montcornet").total()).isEqualTo(MONTCORNET_EVENTS);
        assertThat(hub.page(hub.admin, "/api/events?device=porte").total()).isEqualTo(ROZOY_EVENTS / 2);
        assertThat(hub.page(hub.admin, "/api/events?type=paper-jam").total())
                .isEqualTo(ROZOY_EVENTS / 2 + MONTCORNET_EVENTS);
        assertThat(hub.page(hub.admin, "/api/events?device=imprimante&site=rozoy").total()).isEqualTo(ROZOY_EVENTS / 2);
        // from is included, to excluded: the seconds 2 and 3, two rozoy events and one montcornet's in each.
        HistoryHub.Page period = hub.page(hub.admin, "/api/events?from=" + BASE.plusSeconds(2) + "&to="
                + BASE.plusSeconds(4));
        assertThat(period.total()).isEqualTo(6);
        assertThat(period.rows()).allSatisfy(row -> assertThat(row.path("receivedAt").asText())
                .isIn(BASE.plusSeconds(2).toString(), BASE.plusSeconds(3).toString()));
        assertThat(hub.page(hub.admin, "/api/events?from=" + BASE.plusSeconds(11)).total()).isEqualTo(2);
        assertThat(hub.page(hub.admin, "/api/events?to=" + BASE.plusSeconds(1)).total()).isEqualTo(3);
        assertThat(hub.page(hub.admin, "/api/events?type=no-such-type").total()).as("a type is free text: none")
                .isZero();
    }

    @Test
    void aSiteScopedAccountSeesItsOwnSiteOnly() throws Exception {
        ApiClient viewer = hub.account("lea", "viewer", "rozoy");
        ApiClient mediator = hub.account("max", "mediator", "montcornet");

        List<JsonNode> seen = rows(hub.pages(viewer, "/api/events?limit=7"));
        assertThat(seen).hasSize(ROZOY_EVENTS).allSatisfy(row -> assertThat(row.path("site").asText()).isEqualTo("rozoy"));
        HistoryHub.Page otherNode = hub.page(viewer, "/api/events?node=montcornet-pi");
        assertThat(otherNode.total()).as("another site's node named: none of its events").isZero();
        assertThat(otherNode.rows()).isEmpty();
        assertThat(hub.page(viewer, "/api/events?node=nowhere-pi").total())
                .as("an unknown node is as empty as another site's: no telling which exist").isZero();
        assertThat(hub.error(viewer, "/api/events?site=montcornet", 400)).contains("site", "rozoy only");
        assertThat(hub.page(viewer, "/api/events?site=rozoy").total()).isEqualTo(ROZOY_EVENTS);
        assertThat(hub.page(mediator, "/api/events").total()).isEqualTo(MONTCORNET_EVENTS);
        assertThat(hub.page(mediator, "/api/events?device=porte").total()).as("rozoy's door is not montcornet's")
                .isZero();
    }

    @Test
    void badParametersAre400sNamingThem() throws Exception {
        assertThat(hub.error(hub.admin, "/api/events?from=yesterday", 400)).startsWith("from must be an ISO-8601 instant");
        assertThat(hub.error(hub.admin, "/api/events?to=2026-13-01T00:00:00Z", 400)).startsWith("to must be");
        assertThat(hub.error(hub.admin, "/api/events?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", 400))
                .contains("from must be before to");
        assertThat(hub.error(hub.admin, "/api/events?node=..%2Fetc", 400)).startsWith("node");
        assertThat(hub.error(hub.admin, "/api/events?device=a%20b", 400)).startsWith("device");
        assertThat(hub.error(hub.admin, "/api/events?type=", 400)).startsWith("type");
        assertThat(hub.error(hub.admin, "/api/events?sort=asc", 400)).contains("unknown parameter 'sort'");
        assertThat(hub.error(hub.admin, "/api/events?node=a&node=b", 400)).contains("'node' is given more than once");
        assertThat(hub.error(hub.admin, "/api/events?limit=0", 400)).startsWith("limit");
    }

    @Test
    void aGarbageOrForeignCursorIsA400() throws Exception {
        assertThat(hub.error(hub.admin, "/api/events?cursor=garbage!", 400)).contains("cursor");
        // A well-formed cursor of another list (the sites' are one text): not this list's key.
        String foreign = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("[\"rozoy\"]".getBytes(StandardCharsets.UTF_8));
        assertThat(hub.error(hub.admin, "/api/events?cursor=" + foreign, 400)).contains("cursor");
        String swapped = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("[\"r-01\",12]".getBytes(StandardCharsets.UTF_8));
        assertThat(hub.error(hub.admin, "/api/events?cursor=" + swapped, 400)).contains("cursor");
    }

    @Test
    void anUnknownSiteOrNodeIsA404ForThoseWhoSeeEverySite() throws Exception {
        assertThat(hub.error(hub.admin, "/api/events?site=rozo", 404)).isEqualTo("no site 'rozo'");
        assertThat(hub.error(hub.admin, "/api/events?node=rozoy-p1", 404)).isEqualTo("no node 'rozoy-p1'");
    }

    @Test
    void withoutAnAccountItIs401() throws Exception {
        hub.send(ApiClient.anonymous(hub.port()), "/api/events", 401);
    }

    private static void event(String id, String node, String device, String type, Instant receivedAt, boolean synced,
                       String data) throws Exception {
        hub.insert("INSERT INTO events (msg_id, node_id, device_id, seq, device_ts, clock_synced, received_at, type,"
                        + " severity, message, data) VALUES (?, ?, ?, 1, ?, ?, ?, ?, 'warning', ?, ?)", id, node, device,
                receivedAt.toEpochMilli() - 300, synced, receivedAt.toEpochMilli(), type,
                "paper-jam".equals(type) ? "Bourrage papier" : "Entrée", data);
    }

    private static List<JsonNode> rows(List<HistoryHub.Page> pages) {
        List<JsonNode> rows = new ArrayList<>();
        pages.forEach(page -> page.rows().forEach(rows::add));
        return rows;
    }
}
