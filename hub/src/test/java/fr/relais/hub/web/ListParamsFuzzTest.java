package fr.relais.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.relais.hub.db.PageRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Any query string of a list route ({@code ?site=…&limit=…&cursor=…}), decoded as the HTTP server
 * decodes it: every reading of {@link ListParams} (the page with its cursor, ids, booleans,
 * choices, texts) gives a value or a {@link ListParams.Bad} with a message (a 400); never another
 * exception (a 500). Seeds under {@code ListParamsFuzzTestInputs/read}: the queries of the API tests
 * and cursors the API gave.
 */
class ListParamsFuzzTest {
    private static final Set<String> FILTERS = Set.of("site", "node", "kind", "health", "online", "reason");

    @FuzzTest(maxDuration = "5s")
    void read(byte[] input) {
        MultiMap query;
        try {
            query = MultiMap.caseInsensitiveMultiMap();
            new QueryStringDecoder("?" + new String(input, StandardCharsets.UTF_8)).parameters()
                    .forEach(query::add);
        } catch (IllegalArgumentException e) {
            return; // the server refuses a malformed escape before any route sees it
        }
        try {
            ListParams params = ListParams.of(query, FILTERS);
            PageRequest page = params.page(50);
            assertThat(page.limit()).isBetween(1, PageRequest.MAX_LIMIT);
            page.after().ifPresent(cursor -> assertThat(cursor.key()).isNotEmpty());
            params.id("site");
            params.id("node");
            params.bool("online");
            params.choice("kind", List.of("printer", "probe"));
            params.text("reason");
            assertThat(params.withoutCursor()).doesNotContainKey(ListParams.CURSOR);
        } catch (ListParams.Bad e) {
            assertThat(e.getMessage()).as("the explanation").isNotBlank();
        }
    }
}
