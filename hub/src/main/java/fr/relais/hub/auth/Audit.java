package fr.relais.hub.auth;

import fr.relais.protocol.MessageIds;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every write under /api once its answer is sent: who, method, path, status, when, from
 * where, and the short summary the route gave. It wraps all routes, so the writes added later
 * are audited too. Bodies are never recorded: they may hold passwords.
 */
public final class Audit implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);
    private static final String SUMMARY = "relais.audit.summary";
    private static final String ATTEMPTED_USER = "relais.audit.user";
    private static final int MAX_TEXT = 200;

    private final Vertx vertx;
    private final AuditStore store;
    private final Clock clock;

    Audit(Vertx vertx, AuditStore store, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
    }

    /** What a route did, in a few words for the audit: never a password or a token. */
    public static void summary(RoutingContext ctx, String summary) {
        ctx.put(SUMMARY, summary);
    }

    /** The user name a login tried, recorded as its author. */
    static void attempted(RoutingContext ctx, String username) {
        ctx.put(ATTEMPTED_USER, username);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!Permissions.isRead(ctx.request().method())) {
            ctx.addBodyEndHandler(ended -> record(ctx));
        }
        ctx.next();
    }

    private void record(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        String username = caller != null ? caller.username() : ctx.get(ATTEMPTED_USER);
        int status = ctx.response().getStatusCode();
        if (username == null && status == 401) {
            return; // nobody, and nothing done: not worth a row each time a stranger knocks
        }
        AuditStore.Entry entry = new AuditStore.Entry(MessageIds.next().toString(), clock.millis(),
                cut(username), ctx.request().method().name(), cut(ctx.normalizedPath()), status,
                ClientAddress.of(ctx),
                cut(ctx.get(SUMMARY)));
        vertx.executeBlocking(() -> {
            store.record(entry);
            return null;
        }, false).onFailure(failure -> LOG.error("cannot record in the audit log: {} {} by {} ({})", entry.method(),
                entry.path(), entry.username(), entry.status(), failure));
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
