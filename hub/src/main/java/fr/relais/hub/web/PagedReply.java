package fr.relais.hub.web;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Answers a list route with one page: the body stays a JSON array, as it was before lists had
 * pages, so existing clients keep working; the paging is in the headers: {@code X-Total-Count}
 * (rows matching the filters, all pages together) and, unless this is the last page,
 * {@code Link: <…&cursor=…>; rel="next"} (RFC 8288), the same query with the next cursor.
 */
public final class PagedReply {
    public static final String TOTAL_COUNT = "X-Total-Count";

    /** Reads the filters from the parameters, on the event loop: nothing blocks there. */
    public interface Lister<T> {
        public Query<T> prepare(ListParams params) throws ListParams.Bad;
    }

    /** Reads the page, on a worker thread. */
    public interface Query<T> {
        public Page<T> read(PageRequest page) throws BadCursorException, NotFound;
    }

    /** What the list belongs to does not exist: 404. */
    public static final class NotFound extends Exception {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message);
        }
    }

    private PagedReply() {
    }

    public static <T> void send(Vertx vertx, RoutingContext ctx, Set<String> filters, int defaultLimit, Lister<T> lister,
                         Function<T, JsonObject> shape) {
        ListParams params;
        PageRequest page;
        Query<T> query;
        try {
            params = ListParams.of(ctx.queryParams(), filters);
            page = params.page(defaultLimit);
            query = lister.prepare(params);
        } catch (ListParams.Bad e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> query.read(page), false).onComplete(result -> {
            if (result.succeeded()) {
                Page<T> rows = result.result();
                ctx.response().putHeader(TOTAL_COUNT, Long.toString(rows.total()));
                rows.next().ifPresent(next -> ctx.response().putHeader("Link",
                        "<" + link(ctx.request().path(), params.withoutCursor(), next.text()) + ">; rel=\"next\""));
                ctx.json(ApiJson.array(rows.rows(), shape));
            } else if (result.cause() instanceof BadCursorException bad) {
                ApiErrors.fail(ctx, 400, bad.getMessage());
            } else if (result.cause() instanceof NotFound notFound) {
                ApiErrors.fail(ctx, 404, notFound.getMessage());
            } else {
                ctx.fail(500, result.cause());
            }
        });
    }

    private static String link(String path, Map<String, String> query, String cursor) {
        StringBuilder link = new StringBuilder(path).append('?');
        query.forEach((name, value) -> link.append(encode(name)).append('=').append(encode(value)).append('&'));
        return link.append(ListParams.CURSOR).append('=').append(cursor).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
