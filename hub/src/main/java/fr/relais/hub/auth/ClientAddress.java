package fr.relais.hub.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Finds who a request comes from, once, before the audit and the login limiter read it: the TCP
 * peer, or behind a trusted proxy the client it forwarded for (see {@link TrustedProxies}).
 */
final class ClientAddress implements Handler<RoutingContext> {
    private static final String KEY = "relais.client";
    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String UNKNOWN = "unknown";

    private final TrustedProxies proxies;

    ClientAddress(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.put(KEY, resolve(ctx));
        ctx.next();
    }

    private String resolve(RoutingContext ctx) {
        if (ctx.request().remoteAddress() == null) {
            return UNKNOWN;
        }
        return proxies.client(ctx.request().remoteAddress().hostAddress(), ctx.request().headers().getAll(FORWARDED_FOR));
    }

    /** The client of a request this handler saw; the TCP peer otherwise. */
    static String of(RoutingContext ctx) {
        String client = ctx.get(KEY);
        if (client != null) {
            return client;
        }
        return ctx.request().remoteAddress() == null ? UNKNOWN : ctx.request().remoteAddress().hostAddress();
    }
}
