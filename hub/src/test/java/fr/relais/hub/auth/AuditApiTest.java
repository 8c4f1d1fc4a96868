package fr.relais.hub.auth;

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
 * {@code GET /api/audit} paged by cursor on (at, id): pages through Link without loss or
 * duplicate (rows of the same millisecond included), the username, from and to filters (and
 * {@code user}, the older name), bad values as 400s, and every role but admin refused.
 * The rows are inserted in January, out of the way of those the test's own requests record.
 * On SQLite and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class AuditApiTest {
    private static final Instant BASE = Instant.parse("2026-01-15T10:00:00Z");
    private static final String JANUARY = "from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z";

    @Parameter
    TestDatabase.Kind kind;

    /** One hub per engine for the whole class: the tests only read, and each creates its own accounts. */
    private static HistoryHub hub;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase.Kind kind) throws Exception {
        hub = HistoryHub.start(kind);
        // 25 rows, three in each second (the ids keep their order within a millisecond): alice 2 of 3, bob 1 of 3.
        for (int i = 0; i < 25; i++) {
            hub.insert("INSERT INTO audit_log (id, at, username, method, path, status, remote_address, summary)"
                            + " VALUES (?, ?, ?, 'POST', '/api/nodes/rozoy-pi/commands', 202, '192.0.2.7', ?)",
                    String.format("0190a000-0000-7000-8000-%012d", i), BASE.plusSeconds(i / 3).toEpochMilli(),
                    i % 3 == 2 ? "bob" : "alice", "rebirth " + i);
        }
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        hub.close();
    }

    @Test
    void threePagesFollowTheLinkWithoutLossOrDuplicateNewestFirst() throws Exception {
        List<HistoryHub.Page> pages = hub.pages(hub.admin, "/api/audit?" + JANUARY + "&limit=10");

        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).next().orElseThrow()).contains("from=2026-01-01T00%3A00%3A00Z", "limit=10");
        assertThat(pages).allSatisfy(page -> assertThat(page.total()).isEqualTo(25));
        assertThat(pages.get(2).rows()).hasSize(5);
        List<String> summaries = summaries(pages);
        List<String> expected = new ArrayList<>();
        for (int i = 24; i >= 0; i--) {
            expected.add("rebirth " + i);
        }
        assertThat(summaries).as("newest first; within a millisecond, the later id first").isEqualTo(expected);
        JsonNode first = pages.get(0).rows().get(0);
        assertThat(first.path("at").asText()).isEqualTo(BASE.plusSeconds(8).toString());
        assertThat(first.path("username").asText()).isEqualTo("alice");
        assertThat(first.path("method").asText()).isEqualTo("POST");
        assertThat(first.path("status").asInt()).isEqualTo(202);
        assertThat(first.path("remoteAddress").asText()).isEqualTo("192.0.2.7");
    }

    @Test
    void theUsernameAndPeriodFiltersNarrowTheListAndItsCount() throws Exception {
        assertThat(hub.page(hub.admin, "/api/audit?username=bob").total()).isEqualTo(8);
        assertThat(summaries(hub.pages(hub.admin, "/api/audit?username=bob&limit=3")))
                .containsExactly("rebirth 23", "rebirth 20", "rebirth 17", "rebirth 14", "rebirth 11", "rebirth 8",
                        "rebirth 5", "rebirth 2");
        assertThat(hub.page(hub.admin, "/api/audit?user=bob").total()).as("user, the filter's older name").isEqualTo(8);
        assertThat(hub.page(hub.admin, "/api/audit?username=alice&" + JANUARY).total()).isEqualTo(17);
        // from included, to excluded: seconds 2 and 3, three rows each.
        assertThat(summaries(hub.pages(hub.admin, "/api/audit?from=" + BASE.plusSeconds(2) + "&to="
                + BASE.plusSeconds(4)))).containsExactly("rebirth 11", "rebirth 10", "rebirth 9", "rebirth 8",
                "rebirth 7", "rebirth 6");
        assertThat(hub.page(hub.admin, "/api/audit?to=" + BASE).total()).isZero();
        assertThat(hub.page(hub.admin, "/api/audit?username=nobody").total()).isZero();
    }

    @Test
    void badValuesAre400sNamingTheParameter() throws Exception {
        assertThat(hub.error(hub.admin, "/api/audit?from=last-week", 400)).startsWith("from must be an ISO-8601 instant");
        assertThat(hub.error(hub.admin, "/api/audit?to=2026-02-30T00:00:00Z", 400)).startsWith("to must be");
        assertThat(hub.error(hub.admin, "/api/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", 400))
                .contains("from must be before to");
        assertThat(hub.error(hub.admin, "/api/audit?username=alice&user=bob", 400)).contains("not both");
        assertThat(hub.error(hub.admin, "/api/audit?username=", 400)).startsWith("username");
        assertThat(hub.error(hub.admin, "/api/audit?limit=1001", 400)).startsWith("limit");
        assertThat(hub.error(hub.admin, "/api/audit?cursor=%25%25", 400)).contains("cursor");
        assertThat(hub.error(hub.admin, "/api/audit?cursor=bm90LWpzb24", 400)).contains("cursor");
        assertThat(hub.error(hub.admin, "/api/audit?who=alice", 400)).contains("unknown parameter 'who'");
    }

    @Test
    void onlyAnAdminReadsIt() throws Exception {
        for (String role : List.of("technician", "viewer", "manager", "mediator")) {
            ApiClient other = hub.account("x-" + role, role, "technician".equals(role) ? null : "rozoy");
            assertThat(hub.error(other, "/api/audit", 403)).as(role).contains("may not GET /api/audit");
            assertThat(hub.error(other, "/api/audit?username=bob&" + JANUARY, 403)).as(role)
                    .contains("may not GET /api/audit");
        }
        hub.send(ApiClient.anonymous(hub.port()), "/api/audit", 401);
    }

    private static List<String> summaries(List<HistoryHub.Page> pages) {
        List<String> summaries = new ArrayList<>();
        pages.forEach(page -> page.rows().forEach(row -> summaries.add(row.path("summary").asText())));
        return summaries;
    }
}
