package fr.relais.hub.api;

import fr.relais.hub.auth.Auth;
import fr.relais.hub.web.ApiErrors;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /api/probe/download?bytes=N}: the file the nodes' connectivity probes download to
 * measure their line's throughput. Random bytes (nothing a compressing proxy could shrink and
 * flatter the line with), made as they are sent, with their length announced.
 *
 * <p>Public, because a node has no HTTP credentials (it authenticates to the broker only), and
 * acceptable so: the answer holds no data, just random bytes, and its cost is bounded, at most
 * 50 MB a request, and by {@link DownloadAllowance} per client and in all.
 */
final class ProbeDownloadRoutes {
    static final String PATH = "/api/probe/download";
    static final String BYTES = "bytes";
    static final long DEFAULT_BYTES = 5_000_000;
    static final long MAX_BYTES = 50_000_000;
    private static final int CHUNK = 64 * 1024;

    private final DownloadAllowance allowance;

    ProbeDownloadRoutes(DownloadAllowance allowance) {
        this.allowance = allowance;
    }

    void mount(Router router) {
        router.get(PATH).handler(this::download);
    }

    private void download(RoutingContext ctx) {
        Long bytes = bytes(ctx);
        if (bytes == null) {
            return;
        }
        String client = Auth.limiterClient(ctx);
        Optional<DownloadAllowance.Refusal> refusal = allowance.take(client, bytes);
        if (refusal.isPresent()) {
            ctx.response().putHeader("Retry-After", Long.toString(refusal.get().retryAfter().toSeconds()));
            ApiErrors.fail(ctx, 429, refusal.get().reason() + "; try again in " + refusal.get().retryAfter().toSeconds()
                    + " s");
            return;
        }
        HttpServerResponse response = ctx.response();
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                allowance.release(client);
            }
        };
        response.endHandler(ended -> release.run());
        response.closeHandler(closed -> release.run());
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
                .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(bytes));
        send(response, bytes);
    }

    /** Writes while the connection takes it, then waits for it to drain: a slow line is never buffered whole. */
    private static void send(HttpServerResponse response, long remaining) {
        long left = remaining;
        while (left > 0 && !response.writeQueueFull()) {
            if (response.closed()) {
                return;
            }
            int size = (int) Math.min(CHUNK, left);
            byte[] random = new byte[size];
            ThreadLocalRandom.current().nextBytes(random);
            response.write(Buffer.buffer(random));
            left -= size;
        }
        if (left == 0) {
            response.end();
            return;
        }
        long rest = left;
        response.drainHandler(drained -> send(response, rest));
    }

    /** The size asked for, or null once a 400 has been answered. Only {@code bytes} is taken, once. */
    private static Long bytes(RoutingContext ctx) {
        for (String name : ctx.queryParams().names()) {
            if (!BYTES.equals(name)) {
                ApiErrors.fail(ctx, 400, "unknown parameter '" + name + "': this route takes bytes");
                return null;
            }
        }
        if (ctx.queryParams().getAll(BYTES).size() > 1) {
            ApiErrors.fail(ctx, 400, "parameter 'bytes' is given more than once");
            return null;
        }
        String asked = ctx.queryParams().get(BYTES);
        if (asked == null) {
            return DEFAULT_BYTES;
        }
        long bytes;
        try {
            bytes = Long.parseLong(asked);
        } catch (NumberFormatException e) {
            ApiErrors.fail(ctx, 400, "bytes must be a whole number, got '" + asked + "'");
            return null;
        }
        if (bytes < 1 || bytes > MAX_BYTES) {
            ApiErrors.fail(ctx, 400, "bytes must be between 1 and " + MAX_BYTES + ", got " + bytes);
            return null;
        }
        return bytes;
    }
}
