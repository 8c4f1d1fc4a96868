package fr.relais.hub.auth;

import io.vertx.core.http.HttpMethod;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may call what, in one place. Routes added later are protected without being listed here:
 * any authenticated admin or technician reaches them, a viewer does not until its read is
 * listed below (with the route filtering what it shows by site).
 */
final class Permissions {
    /**
     * Reachable without credentials; everything else under /api needs them. The probes' download
     * is public because nodes have no HTTP credentials; it is bounded instead (ProbeDownloadRoutes).
     */
    private static final Set<String> PUBLIC = Set.of("/api/health", "/api/login", "/api/openapi.yaml",
            "/api/probe/download");
    /**
     * The van's tour is published information (town halls link its calendar feeds): read without
     * credentials. Only reads: the same paths' writes need an account.
     */
    private static final List<Pattern> PUBLIC_READS = patterns("/api/van/tour\\.ics", "/api/van/communes",
            "/api/van/communes/[^/]+/tour\\.ics", "/api/van/visits");
    /** What any account may do for itself: its own session, password and tokens. */
    private static final List<Pattern> SELF_SERVICE = patterns("/api/me", "/api/me/password", "/api/logout", "/api/tokens",
            "/api/tokens/[^/]+");
    private static final List<Pattern> ADMIN_ONLY = patterns("/api/accounts", "/api/accounts/.*", "/api/audit",
            "/api/audit/.*", "/api/dead-letters/retry", "/api/dead-letters/[^/]+/retry", "/api/sites/[^/]+",
            "/api/nodes/[^/]+/devices/[^/]+/open-door");
    /** The reads whose answers are filtered to the viewer's site. */
    private static final List<Pattern> VIEWER_READS = patterns("/api/sites", "/api/nodes", "/api/devices",
            "/api/nodes/[^/]+/commands", "/api/commands/[^/]+", "/api/alerts", "/api/alerts/[^/]+",
            // The dashboard's (issue 13): each answers a site-scoped account with its own site only.
            "/api/live", "/api/territory", "/api/occupancy/(now|heatmap|days|months)", "/api/occupancy\\.csv",
            "/api/connectivity(\\.csv)?", "/api/events",
            "/api/nodes/[^/]+/telemetry");
    /** A manager's own domain: the coworking routes check that it asks for its own site. */
    private static final List<Pattern> MANAGER_ROUTES = patterns("/api/coworking/.*");
    /**
     * What runs a place for its visitors: mediators and managers reach these routes, which check
     * the site ({@link Caller#runs}); viewers read them, filtered to their site.
     */
    private static final List<Pattern> PLACE_ROUTES = patterns("/api/places", "/api/places/.*", "/api/workshops", "/api/workshops/.*",
            "/api/queue/.*", "/api/appointments", "/api/appointments/.*", "/api/van/.*");
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private Permissions() {
    }

    static boolean isPublic(String path) {
        return PUBLIC.contains(path);
    }

    /** Whether this request needs no credentials (a public path, or a public read). */
    static boolean isPublic(HttpMethod method, String path) {
        return isPublic(path) || isRead(method) && matches(PUBLIC_READS, path);
    }

    static boolean isRead(HttpMethod method) {
        return READS.contains(method);
    }

    static boolean allows(Caller caller, HttpMethod method, String path) {
        if (matches(SELF_SERVICE, path)) {
            return true;
        }
        if (matches(ADMIN_ONLY, path)) {
            return caller.role() == Role.ADMIN;
        }
        return switch (caller.role()) {
            case ADMIN, TECHNICIAN -> true;
            case VIEWER -> isRead(method) && (matches(VIEWER_READS, path) || matches(PLACE_ROUTES, path));
            case MANAGER -> isRead(method) && matches(VIEWER_READS, path) || matches(MANAGER_ROUTES, path)
                    || matches(PLACE_ROUTES, path);
            case MEDIATOR -> isRead(method) && matches(VIEWER_READS, path) || matches(PLACE_ROUTES, path);
        };
    }

    private static boolean matches(List<Pattern> patterns, String path) {
        return patterns.stream().anyMatch(pattern -> pattern.matcher(path).matches());
    }

    private static List<Pattern> patterns(String... regexes) {
        return Arrays.stream(regexes).map(Pattern::compile).toList();
    }
}
