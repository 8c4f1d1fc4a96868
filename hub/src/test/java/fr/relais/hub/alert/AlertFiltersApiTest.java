package fr.relais.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.history.HistoryHub;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET /api/alerts}' node, device, from and to filters (an alert counts in the period it
 * opened in, {@code to} excluded), alone, together and with the older ones, through the Link;
 * a viewer naming another site's node gets nothing of it; bad values are 400s naming them.
 * On SQLite and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class AlertFiltersApiTest {
    private static final Instant BASE = Instant.parse("2026-12-01T08:00:00Z");

    @Parameter
    TestDatabase.Kind kind;

    /** One hub per engine for the whole class: the tests only read, and each creates its own accounts. */
    private static HistoryHub hub;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase.Kind kind) throws Exception {
        hub = HistoryHub.start(kind);
        // One alert an hour: rozoy's printer at 0, 2, 4 and 6 h, its door at 1 and 3 h, montcornet's printer at 5 h.
        alert("a0", "rozoy", "rozoy-pi", "imprimante", "warning", "open", 0);
        alert("a1", "rozoy", "rozoy-pi", "porte", "critical", "cleared", 1);
        alert("a2", "rozoy", "rozoy-pi", "imprimante", "warning", "cleared", 2);
        alert("a3", "rozoy", "rozoy-pi", "porte", "critical", "acknowledged", 3);
        alert("a4", "rozoy", "rozoy-pi", "imprimante", "critical", "open", 4);
        alert("a5", "montcornet", "montcornet-pi", "imprimante", "warning", "open", 5);
        alert("a6", "rozoy", "rozoy-pi", "imprimante", "warning", "cleared", 6);
        alert("a7", "rozoy", "rozoy-pi", null, "critical", "open", 7);
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        hub.close();
    }

    @Test
    void theNodeAndDeviceFiltersNarrowTheListAndItsCount() throws Exception {
        assertThat(ids("/api/alerts?node=rozoy-pi")).containsExactly("a7", "a6", "a4", "a3", "a2", "a1", "a0");
        assertThat(ids("/api/alerts?node=montcornet-pi")).containsExactly("a5");
        assertThat(ids("/api/alerts?device=porte")).containsExactly("a3", "a1");
        assertThat(ids("/api/alerts?node=rozoy-pi&device=imprimante")).containsExactly("a6", "a4", "a2", "a0");
        assertThat(ids("/api/alerts?device=imprimante&state=cleared")).containsExactly("a6", "a2");
        assertThat(ids("/api/alerts?node=rozoy-pi&severity=critical&state=active")).containsExactly("a7", "a4", "a3");
        assertThat(hub.page(hub.admin, "/api/alerts?node=rozoy-pi&device=imprimante").total()).isEqualTo(4);
        assertThat(hub.page(hub.admin, "/api/alerts?node=nowhere-pi").total())
                .as("a node filter, like the site's: an unknown node has no alerts, not an error").isZero();
    }

    @Test
    void fromIsIncludedAndToExcludedOnTheOpeningTime() throws Exception {
        assertThat(ids("/api/alerts?from=" + at(2) + "&to=" + at(5))).containsExactly("a4", "a3", "a2");
        assertThat(ids("/api/alerts?from=" + at(6))).containsExactly("a7", "a6");
        assertThat(ids("/api/alerts?to=" + at(1))).containsExactly("a0");
        assertThat(ids("/api/alerts?from=" + at(2) + "&to=" + at(2).plusMillis(1))).containsExactly("a2");
        assertThat(ids("/api/alerts?device=imprimante&from=" + at(1) + "&to=" + at(6))).containsExactly("a5", "a4", "a2");
    }

    @Test
    void pagesOfAFilteredListFollowTheLink() throws Exception {
        List<HistoryHub.Page> pages = hub.pages(hub.admin, "/api/alerts?node=rozoy-pi&from=" + at(1) + "&limit=2");

        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).next().orElseThrow()).contains("node=rozoy-pi", "from=", "limit=2");
        List<String> ids = new ArrayList<>();
        pages.forEach(page -> {
            assertThat(page.total()).isEqualTo(6);
            page.rows().forEach(row -> ids.add(row.path("id").asText()));
        });
        assertThat(ids).containsExactly("a7", "a6", "a4", "a3", "a2", "a1");
    }

    @Test
    void aViewerNamingAnotherSitesNodeGetsNothingOfIt() throws Exception {
        ApiClient viewer = hub.account("lea", "viewer", "rozoy");

        HistoryHub.Page other = hub.page(viewer, "/api/alerts?node=montcornet-pi");
        assertThat(other.total()).isZero();
        assertThat(other.rows()).isEmpty();
        assertThat(hub.page(viewer, "/api/alerts?device=imprimante").rows())
                .allSatisfy(row -> assertThat(row.path("site").asText()).isEqualTo("rozoy")).hasSize(4);
        assertThat(hub.error(viewer, "/api/alerts?site=montcornet&node=montcornet-pi", 400)).contains("rozoy only");
    }

    @Test
    void badValuesAre400sNamingTheParameter() throws Exception {
        assertThat(hub.error(hub.admin, "/api/alerts?from=2026-12-01", 400))
                .as("a date alone is not an instant").startsWith("from must be an ISO-8601 instant");
        assertThat(hub.error(hub.admin, "/api/alerts?to=tomorrow", 400)).startsWith("to must be");
        assertThat(hub.error(hub.admin, "/api/alerts?from=" + at(3) + "&to=" + at(3), 400))
                .contains("from must be before to");
        assertThat(hub.error(hub.admin, "/api/alerts?node=%3Cscript%3E", 400)).startsWith("node");
        assertThat(hub.error(hub.admin, "/api/alerts?device=", 400)).startsWith("device");
        assertThat(hub.error(hub.admin, "/api/alerts?nodes=rozoy-pi", 400)).contains("unknown parameter 'nodes'");
    }

    private List<String> ids(String path) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode row : hub.send(hub.admin, path, 200)) {
            ids.add(row.path("id").asText());
        }
        return ids;
    }

    private static Instant at(int hours) {
        return BASE.plusSeconds(hours * 3600L);
    }

    private static void alert(String id, String site, String node, String device, String severity, String state, int hours)
            throws Exception {
        hub.insert("INSERT INTO alerts (id, condition_key, rule_id, site_id, node_id, device_id, severity, state,"
                        + " flapping, message, since, opened_at, cleared_at) VALUES (?, ?, 'rule', ?, ?, ?, ?, ?, FALSE,"
                        + " 'message', ?, ?, ?)", id, "condition-" + id, site, node, device, severity, state,
                at(hours).toEpochMilli(), at(hours).toEpochMilli(),
                "cleared".equals(state) ? at(hours).plusSeconds(60).toEpochMilli() : null);
    }
}
