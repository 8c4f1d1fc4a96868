package fr.relais.hub.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The browser-facing headers of every answer, set once in front of all routes so that a route
 * added later has them too.
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: the page runs only its own scripts and styles, from the
 *       hub itself, none inline: an injected {@code <script>} or {@code style} attribute does
 *       nothing; {@code frame-ancestors 'none'} (and the older {@code X-Frame-Options}) keeps
 *       another site from framing the dashboard under a decoy (click-jacking); no plug-in
 *       ({@code object-src}), no {@code <base>} that would send the page's relative addresses (its module
 *       imports) elsewhere, and forms submit to the hub only.</li>
 *   <li>{@code X-Content-Type-Options: nosniff}: a JSON answer is never run as a script.</li>
 *   <li>{@code Referrer-Policy: no-referrer}: no address of the hub leaks to a linked site.</li>
 *   <li>{@code Cache-Control: no-store} on everything, the API, the login and the page included: what
 *       a technician saw is not left on a shared computer's disk, and the page is not kept in the
 *       back-forward cache, where Back after logging out would show it again. The dashboard's few
 *       small files are not worth an exception.</li>
 * </ul>
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    @Override
    public void handle(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        ctx.next();
    }
}
