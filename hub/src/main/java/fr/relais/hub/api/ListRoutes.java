package fr.relais.hub.api;

import fr.relais.hub.store.Filters;
import fr.relais.hub.store.RegistryReader;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.WireValue;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
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
                    Filters.Sites filter = new Filters.Sites(params.choice("kind", wire(SiteKind.class)));
                    return page -> registry.sites(filter, page);
                }, ApiJson::site));
        router.get("/api/nodes").handler(ctx -> PagedReply.send(vertx, ctx, Set.of("site", "online"),
                DEFAULT_REGISTRY_LIMIT, params -> {
                    Filters.Nodes filter = new Filters.Nodes(params.id("site"), params.bool("online"));
                    return page -> registry.nodes(filter, page);
                }, ApiJson::node));
        router.get("/api/devices").handler(ctx -> PagedReply.send(vertx, ctx, Set.of("site", "node", "kind", "health"),
                DEFAULT_REGISTRY_LIMIT, params -> {
                    Filters.Devices filter = new Filters.Devices(params.id("site"), params.id("node"),
                            params.choice("kind", wire(DeviceKind.class)), params.choice("health", wire(Health.class)));
                    return page -> registry.devices(filter, page);
                }, ApiJson::device));
        router.get("/api/dead-letters").handler(ctx -> PagedReply.send(vertx, ctx, Set.of("node", "reason"),
                DEFAULT_DEAD_LETTER_LIMIT, params -> {
                    Filters.DeadLetters filter = new Filters.DeadLetters(params.id("node"), params.text("reason"));
                    return page -> registry.deadLetters(filter, page);
                }, ApiJson::deadLetter));
    }

    static <E extends Enum<E> & WireValue> List<String> wire(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireValue::wire).toList();
    }
}
