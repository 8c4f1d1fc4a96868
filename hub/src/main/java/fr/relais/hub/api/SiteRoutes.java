package fr.relais.hub.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import fr.relais.hub.alert.AlertBody;
import fr.relais.hub.auth.Audit;
import fr.relais.hub.registry.RegistryJson;
import fr.relais.hub.registry.SiteNames;
import fr.relais.hub.web.ApiErrors;
import fr.relais.protocol.Ids;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code PATCH /api/sites/{id}}: an administrator gives a site the name and kind the inventory
 * now says. Births no longer rename sites (a node could rename its own), so this is how a
 * renamed place reaches the hub. Administrators only ({@code Permissions}), audited.
 */
final class SiteRoutes {
    static final int MAX_NAME = 200;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Vertx vertx;
    private final SiteNames sites;
    private final Clock clock;

    SiteRoutes(Vertx vertx, SiteNames sites, Clock clock) {
        this.vertx = vertx;
        this.sites = sites;
        this.clock = clock;
    }

    void mount(Router router) {
        router.patch("/api/sites/:id").handler(this::change);
    }

    private record Change(Optional<String> name, Optional<String> kind) {
    }

    private void change(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!Ids.isValid(id)) {
            ApiErrors.fail(ctx, 400, "a site id is a protocol identifier, got '" + id + "'");
            return;
        }
        Change change;
        try {
            change = parse(ctx.body() == null || ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes());
        } catch (AlertBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        Audit.summary(ctx, "site " + id + change.name().map(name -> " named '" + name + "'").orElse("")
                + change.kind().map(kind -> " of kind " + kind).orElse(""));
        vertx.executeBlocking(() -> sites.change(id, change.name().orElse(null), change.kind().orElse(null),
                clock.millis()), false).onComplete(result -> {
                    if (result.failed()) {
                        ctx.fail(500, result.cause());
                    } else if (result.result().isEmpty()) {
                        ApiErrors.fail(ctx, 404, "no site " + id);
                    } else {
                        ctx.json(RegistryJson.site(result.result().get()));
                    }
                });
    }

    private static Change parse(byte[] body) throws AlertBody.Invalid {
        if (body == null || body.length == 0) {
            throw new AlertBody.Invalid("the body must be a JSON object with name and/or kind");
        }
        try {
            JsonNode root = JSON.readTree(body);
            StrictObject object = StrictObject.root(root, "body");
            Optional<String> name = object.optionalText("name").map(String::strip);
            Optional<SiteKind> kind = object.has("kind") ? Optional.of(object.choice("kind", SiteKind.class))
                    : Optional.empty();
            object.finish();
            if (name.isEmpty() && kind.isEmpty()) {
                throw new AlertBody.Invalid("say the site's new name and/or kind");
            }
            if (name.isPresent() && (name.get().isEmpty() || name.get().length() > MAX_NAME)) {
                throw new AlertBody.Invalid("name: 1 to " + MAX_NAME + " characters");
            }
            return new Change(name, kind.map(SiteKind::wire));
        } catch (JsonProcessingException e) {
            throw new AlertBody.Invalid("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (FieldException e) {
            throw new AlertBody.Invalid(e.getMessage());
        } catch (IOException e) {
            throw new AlertBody.Invalid("the body cannot be read: " + e.getMessage());
        }
    }
}
