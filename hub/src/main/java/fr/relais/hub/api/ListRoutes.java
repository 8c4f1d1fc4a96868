package fr.relais.hub.api;

import fr.relais.hub.auth.Caller;
import fr.relais.hub.registry.Filters;
import fr.relais.hub.registry.RegistryJson;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.web.ListParams;
import fr.relais.hub.web.PagedReply;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.WireValue;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The registry's lists: sites, nodes, devices and dead letters, filtered and paged. */
final class ListRoutes {
    /** The whole territory in one page, as the dashboard reads it; beyond, follow the Link. */
    static final int DEFAULT_REGISTRY_LIMIT = 1000;
    static final int DEFAULT_DEAD_LETTER_LIMIT = 100;

    private final Vertx vertx;
    private final RegistryReader registry;

    ListRoutes(Vertx vertx, RegistryReader registry) {
        this.vertx = vertx;
        this.registry = registry;
    }

    void mount(Router router) {
        router.get("/api/sites").handler(ctx -> PagedReply.send(vertx, ctx, Set.of("kind"), DEFAULT_REGISTRY_LIMIT,
                params -> {
                    Filters.Sites filter = new Filters.Sites(params.choice("kind", ListParams.wire(SiteKind.class)),
                            viewerSite(ctx));
                    return page -> registry.sites(filter, page);
                }, RegistryJson::site));
        router.get("/api/nodes").handler(ctx -> PagedReply.send(vertx, ctx, Set.of("site", "online"),
                DEFAULT_REGISTRY_LIMIT, params -> {
                    Filters.Nodes filter = new Filters.Nodes(site(ctx, params), params.bool("online"));
                    return page -> registry.nodes(filter, page);
                }, RegistryJson::node));
        router.get("/api/devices").handler(ctx -> PagedReply.send(vertx, ctx, Set.of("site", "node", "kind", "health"),
                DEFAULT_REGISTRY_LIMIT, params -> {
                    Filters.Devices filter = new Filters.Devices(site(ctx, params), params.id("node"),
                            params.choice("kind", ListParams.wire(DeviceKind.class)), params.choice("health", ListParams.wire(Health.class)));
                    return page -> registry.devices(filter, page);
                }, RegistryJson::device));
        router.get("/api/dead-letters").handler(ctx -> PagedReply.send(vertx, ctx, Set.of("node", "reason"),
                DEFAULT_DEAD_LETTER_LIMIT, params -> {
                    Filters.DeadLetters filter = new Filters.DeadLetters(params.id("node"), params.text("reason"));
                    return page -> registry.deadLetters(filter, page);
                }, RegistryJson::deadLetter));
    }

    /** The site a viewer may see, or null for the other roles, who see all. */
    private static String viewerSite(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        return caller != null && caller.role().siteScoped() ? caller.site() : null;
    }

    /** The {@code site} filter; a viewer's lists are held to their own site, whatever they ask. */
    private static String site(RoutingContext ctx, ListParams params) throws ListParams.Bad {
        String asked = params.id("site");
        String own = viewerSite(ctx);
        if (own == null) {
            return asked;
        }
        if (asked != null && !asked.equals(own)) {
            throw new ListParams.Bad("site: this account sees site " + own + " only");
        }
        return own;
    }
}
