package fr.relais.hub.live;

import fr.relais.hub.auth.Caller;
import fr.relais.hub.web.ApiErrors;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/live}: the live channel as server-sent events, behind the authentication like
 * every {@code /api} route. A browser's {@code EventSource} reconnects by itself and sends the
 * last id it saw ({@code Last-Event-ID}; {@code ?lastEventId=} for clients that cannot set a
 * header): the stream then starts with what it missed, or with a {@code reset} when that cannot
 * be had (another start of the hub, an id older than the ring, not an id at all).
 */
public final class LiveRoutes {
    static final String LAST_EVENT_ID = "Last-Event-ID";
    static final String LAST_EVENT_ID_PARAMETER = "lastEventId";

    private final LiveFeed feed;

    public LiveRoutes(LiveFeed feed) {
        this.feed = feed;
    }

    public void mount(Router router) {
        router.get("/api/live").handler(this::stream);
    }

    private void stream(RoutingContext ctx) {
        for (String name : ctx.queryParams().names()) {
            if (!name.equals(LAST_EVENT_ID_PARAMETER)) {
                ApiErrors.fail(ctx, 400, name + ": unknown parameter; /api/live takes " + LAST_EVENT_ID_PARAMETER
                        + " only");
                return;
            }
        }
        String lastEventId = ctx.request().getHeader(LAST_EVENT_ID);
        if (lastEventId == null) {
            lastEventId = ctx.queryParams().get(LAST_EVENT_ID_PARAMETER);
        }
        if (!feed.admit()) {
            ApiErrors.fail(ctx, 503, "the hub already serves " + feed.maxStreams()
                    + " live streams, its most; try again later or reload the data without it");
            return;
        }
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                // nginx and the like would otherwise hold the events back to fill their buffers
                .putHeader("X-Accel-Buffering", "no");
        LiveClient client = new LiveClient(Caller.of(ctx), new ResponseSink(response, feed), LiveFeed.CLIENT_QUEUE);
        response.closeHandler(closed -> feed.close(client));
        response.exceptionHandler(failure -> feed.close(client));
        feed.open(client, lastEventId);
    }

    /** The HTTP answer as a stream's sink; its drain comes back on the feed's context. */
    private record ResponseSink(HttpServerResponse response, LiveFeed feed) implements LiveClient.Sink {
        @Override
        public boolean full() {
            return response.writeQueueFull();
        }

        @Override
        public void write(String text) {
            if (!response.ended() && !response.closed()) {
                response.write(text);
            }
        }

        @Override
        public void onDrain(Runnable then) {
            response.drainHandler(drained -> feed.run(then));
        }

        @Override
        public void end() {
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        }
    }
}
