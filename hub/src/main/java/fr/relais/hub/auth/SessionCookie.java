package fr.relais.hub.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The browser session's cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's
 * page sends it), Path=/ and Secure whenever the hub is reached over HTTPS or told it is.
 */
final class SessionCookie {
    static final String NAME = "relais_session";

    private SessionCookie() {
    }

    static String read(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(NAME);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    static void set(RoutingContext ctx, String secret, long maxAgeSeconds, boolean secure) {
        ctx.response().addCookie(cookie(ctx, secret, secure).setMaxAge(maxAgeSeconds));
    }

    static void clear(RoutingContext ctx, boolean secure) {
        ctx.response().addCookie(cookie(ctx, "", secure).setMaxAge(0));
    }

    private static Cookie cookie(RoutingContext ctx, String value, boolean secure) {
        return Cookie.cookie(NAME, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(secure || ctx.request().isSSL());
    }
}
