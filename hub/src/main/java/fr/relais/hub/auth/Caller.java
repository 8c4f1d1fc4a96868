package fr.relais.hub.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * Who is making an API request, as the authentication handler established it and left it in the
 * routing context for the routes.
 *
 * @param credential the session's id hash or the token's id: what logging out or revoking removes
 */
public record Caller(String username, Role role, String site, Via via, String credential) {
    private static final String KEY = "relais.caller";

    /** How the request proved who it comes from. */
    public enum Via {
        /** The browser's session cookie: writes need the CSRF header too. */
        SESSION,
        /** An {@code Authorization: Bearer} token, as scripts use. */
        TOKEN
    }

    public Caller {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(via, "via");
    }

    /** Whether this caller may see what belongs to a site: viewers and managers see their own only. */
    public boolean sees(String siteId) {
        return !role.siteScoped() || Objects.equals(site, siteId);
    }

    /**
     * Whether this caller may change what a place runs for visitors (its hours, queue, workshops,
     * appointments, the van's tour): admins and technicians anywhere, a mediator or a manager at
     * their own site, a viewer nowhere.
     */
    public boolean runs(String siteId) {
        return switch (role) {
            case ADMIN, TECHNICIAN -> true;
            case MEDIATOR, MANAGER -> Objects.equals(site, siteId);
            case VIEWER -> false;
        };
    }

    void attachTo(RoutingContext ctx) {
        ctx.put(KEY, this);
    }

    /** The caller of a request that went through {@link AuthHandler}; null on public routes. */
    public static Caller of(RoutingContext ctx) {
        return ctx.get(KEY);
    }
}
