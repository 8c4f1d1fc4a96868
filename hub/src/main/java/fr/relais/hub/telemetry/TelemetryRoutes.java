package fr.relais.hub.telemetry;

import fr.relais.hub.auth.Caller;
import fr.relais.hub.registry.Views;
import fr.relais.hub.web.ApiErrors;
import fr.relais.protocol.Ids;
import fr.relais.protocol.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /api/nodes/{id}/telemetry}: a node's readings over a period, raw or rolled up per
 * minute or per hour, for charts and reports. Site-scoped accounts (viewer, manager, mediator)
 * read their own site's nodes only: another site's node answers 404, as an unknown one does.
 */
public final class TelemetryRoutes {
    /** Points per answer; a longer period asks for a coarser resolution or several requests. */
    static final int MAX_POINTS = 10_000;
    /** Times are kept as epoch milliseconds: anything else is a mistake, not a query. */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /** The period shown when none is asked: what a chart of that resolution shows first. */
    private enum Resolution {
        RAW(Duration.ofHours(1)), MINUTE(Duration.ofDays(1)), HOUR(Duration.ofDays(30));

        final Duration defaultSpan;

        Resolution(Duration defaultSpan) {
            this.defaultSpan = defaultSpan;
        }
    }

    private final Vertx vertx;
    private final TelemetryReader reader;
    private final Clock clock;

    public TelemetryRoutes(Vertx vertx, TelemetryReader reader, Clock clock) {
        this.vertx = vertx;
        this.reader = reader;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/nodes/:id/telemetry").handler(this::telemetry);
    }

    private void telemetry(RoutingContext ctx) {
        String node = ctx.pathParam("id");
        String problem = Ids.problem(node);
        if (problem != null) {
            ApiErrors.fail(ctx, 400, "node " + problem);
            return;
        }
        Optional<String> device = Optional.ofNullable(ctx.request().getParam("device"));
        if (device.isPresent() && Ids.problem(device.get()) != null) {
            ApiErrors.fail(ctx, 400, "device " + Ids.problem(device.get()));
            return;
        }
        Optional<String> metric = Optional.ofNullable(ctx.request().getParam("metric"));
        if (metric.isPresent() && Metrics.nameProblem(metric.get()) != null) {
            ApiErrors.fail(ctx, 400, "metric " + Metrics.nameProblem(metric.get()));
            return;
        }
        String askedResolution = Optional.ofNullable(ctx.request().getParam("resolution")).orElse("raw");
        Resolution resolution;
        try {
            resolution = Resolution.valueOf(askedResolution.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            ApiErrors.fail(ctx, 400, "resolution must be raw, minute or hour, got '" + askedResolution + "'");
            return;
        }
        Instant to;
        Instant from;
        try {
            to = time(ctx, "to", clock.instant());
            from = time(ctx, "from", to.minus(resolution.defaultSpan));
        } catch (DateTimeParseException e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        if (!from.isBefore(to)) {
            ApiErrors.fail(ctx, 400, "from (" + from + ") must be before to (" + to + ")");
            return;
        }
        Caller caller = Caller.of(ctx);
        TelemetryReader.Query query = new TelemetryReader.Query(node, device, metric, from.toEpochMilli(),
                to.toEpochMilli(), MAX_POINTS + 1);
        vertx.executeBlocking(() -> {
            // Another site's node is as unknown to a site-scoped account as a missing one.
            if (reader.nodeSite(node).filter(caller::sees).isEmpty()) {
                return null;
            }
            JsonObject answer = new JsonObject().put("node", node).put("device", device.orElse(null))
                    .put("metric", metric.orElse(null)).put("resolution", resolution.name().toLowerCase(Locale.ROOT))
                    .put("from", from.toString()).put("to", to.toString());
            if (resolution == Resolution.RAW) {
                List<Views.Reading> readings = reader.raw(query);
                answer.put("truncated", readings.size() > MAX_POINTS);
                // Raw readings are always the node's own: the demo simulates rollups only.
                answer.put("simulated", false);
                answer.put("points", raw(readings.subList(0, Math.min(readings.size(), MAX_POINTS)), metric));
            } else {
                TelemetryReader.Resolution table = resolution == Resolution.MINUTE
                        ? TelemetryReader.Resolution.MINUTE : TelemetryReader.Resolution.HOUR;
                List<Views.Rollup> rollups = reader.rollups(table, query);
                answer.put("truncated", rollups.size() > MAX_POINTS);
                answer.put("simulated", reader.simulated(table, query));
                JsonArray points = new JsonArray();
                rollups.stream().limit(MAX_POINTS).forEach(rollup -> points.add(rollup(rollup)));
                answer.put("points", points);
            }
            return answer;
        }).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(500, result.cause());
            } else if (result.result() == null) {
                ApiErrors.fail(ctx, 404, "no node '" + node + "' is known to the hub");
            } else {
                ctx.json(result.result());
            }
        });
    }

    /** An ISO-8601 instant parameter, or the default when absent. */
    private static Instant time(RoutingContext ctx, String name, Instant absent) {
        String asked = ctx.request().getParam(name);
        if (asked == null) {
            return absent;
        }
        try {
            Instant time = Instant.parse(asked);
            if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
                throw new DateTimeParseException(name + " must be between years 1970 and 9999, got '" + asked + "'",
                        asked, 0);
            }
            return time;
        } catch (DateTimeParseException e) {
            if (e.getMessage().startsWith(name + " must be between")) {
                throw e;
            }
            throw new DateTimeParseException(name + " must be an ISO-8601 UTC time such as 2026-11-28T09:00:00Z, got '"
                    + asked + "'", asked, 0);
        }
    }

    /** With a metric, only the readings that carry it, and its value alone. */
    private static JsonArray raw(List<Views.Reading> readings, Optional<String> metric) {
        JsonArray points = new JsonArray();
        for (Views.Reading reading : readings) {
            JsonObject metrics = new JsonObject(reading.metrics());
            JsonObject point = new JsonObject()
                    .put("at", Instant.ofEpochMilli(reading.receivedAt()).toString())
                    .put("deviceTs", Instant.ofEpochMilli(reading.deviceTs()).toString())
                    .put("device", reading.device())
                    .put("health", reading.health());
            if (metric.isEmpty()) {
                points.add(point.put("metrics", metrics));
            } else if (metrics.containsKey(metric.get())) {
                points.add(point.put("value", metrics.getValue(metric.get())));
            }
        }
        return points;
    }

    private static JsonObject rollup(Views.Rollup rollup) {
        return new JsonObject()
                .put("at", Instant.ofEpochMilli(rollup.bucketStart()).toString())
                .put("device", rollup.device())
                .put("metric", rollup.metric())
                .put("samples", rollup.samples())
                .put("min", rollup.min())
                .put("max", rollup.max())
                .put("avg", rollup.sum() / rollup.samples())
                .put("sum", rollup.sum());
    }
}
