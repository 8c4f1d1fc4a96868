package fr.relais.hub.connectivity;

import fr.relais.hub.auth.Caller;
import fr.relais.hub.db.Database;
import fr.relais.hub.web.Refusal;
import fr.relais.hub.web.Replies;
import fr.relais.protocol.Ids;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code GET /api/connectivity} and {@code /api/connectivity.csv}: broadband per commune and
 * month. Admins and technicians see every commune; a site-scoped account (viewer, manager,
 * mediator) sees its own place's commune (every line measured there, the van's at its stops
 * included) and its own site's rows (the van's mediators see the van's), and nothing else.
 */
public final class ConnectivityRoutes {
    static final int DEFAULT_MONTHS = 12;
    static final int MAX_MONTHS = 36;
    private static final Set<String> PARAMETERS = Set.of("from", "to", "commune");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

    private record Asked(String from, String to, String commune) {
    }

    private record Answer(Asked asked, List<ConnectivityStore.Row> rows, Map<String, Long> leftOut) {
    }

    private final Vertx vertx;
    private final ConnectivityStore store;
    private final Clock clock;

    public ConnectivityRoutes(Vertx vertx, Database database, Clock clock) {
        this.vertx = vertx;
        this.store = new ConnectivityStore(database);
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/connectivity").handler(ctx -> answer(ctx, false));
        router.get("/api/connectivity.csv").handler(ctx -> answer(ctx, true));
    }

    private void answer(RoutingContext ctx, boolean csv) {
        Asked asked;
        try {
            asked = asked(ctx.queryParams());
        } catch (Refusal e) {
            Replies.failed(ctx, e);
            return;
        }
        Caller caller = Caller.of(ctx);
        vertx.executeBlocking(() -> read(asked, caller), false).onComplete(result -> {
            if (result.failed()) {
                Replies.failed(ctx, result.cause());
            } else if (csv) {
                ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
                        .putHeader("content-disposition", "attachment; filename=\"debit-" + asked.from() + "-"
                                + asked.to() + ".csv\"")
                        .end(ConnectivityCsv.of(result.result().rows()));
            } else {
                ctx.response().putHeader("content-type", "application/json; charset=utf-8")
                        .end(json(result.result()).encode());
            }
        });
    }

    private Answer read(Asked asked, Caller caller) {
        if (asked.commune() != null && !store.communeExists(asked.commune())) {
            throw Refusal.notFound("no commune " + asked.commune());
        }
        ConnectivityStore.Scope scope = null;
        if (caller != null && caller.role().siteScoped()) {
            String own = store.communeOf(caller.site()).orElse(null);
            if (asked.commune() != null && !asked.commune().equals(own)) {
                throw Refusal.forbidden(own == null ? "this account sees site " + caller.site() + "'s rows only"
                        : "this account sees commune " + own + " only");
            }
            scope = new ConnectivityStore.Scope(own, caller.site());
        }
        return new Answer(asked, store.rows(asked.from(), asked.to(), asked.commune(), scope),
                store.leftOut(asked.from(), asked.to(), scope == null ? null : scope.site()));
    }

    private static JsonObject json(Answer answer) {
        JsonArray items = new JsonArray();
        answer.rows().forEach(row -> items.add(ConnectivityJson.row(row)));
        Map<String, Long> left = answer.leftOut();
        return new JsonObject().put("from", answer.asked().from()).put("to", answer.asked().to())
                .put("commune", answer.asked().commune()).put("items", items)
                .put("summaries", ConnectivityJson.summaries(answer.rows()))
                .put("leftOut", new JsonObject().put("outsideVisits", left.get(MonthRows.OUTSIDE_VISITS))
                        .put("noCommune", left.get(MonthRows.NO_COMMUNE))
                        .put("unreadable", left.get(MonthRows.UNREADABLE))
                        .put("noFigures", left.get(MonthRows.NO_FIGURES)))
                .put("simulated", answer.rows().stream().anyMatch(ConnectivityStore.Row::simulated));
    }

    private Asked asked(MultiMap query) {
        for (String name : query.names()) {
            if (!PARAMETERS.contains(name)) {
                throw Refusal.invalid("unknown parameter '" + name + "': this route takes "
                        + String.join(", ", new TreeSet<>(PARAMETERS)));
            }
        }
        String commune = query.get("commune");
        if (commune != null && Ids.problem(commune) != null) {
            throw Refusal.invalid("commune " + Ids.problem(commune));
        }
        YearMonth to = month(query, "to", YearMonth.now(clock.withZone(MonthRows.ZONE)));
        YearMonth from = month(query, "from", to.minusMonths(DEFAULT_MONTHS - 1));
        if (to.isBefore(from)) {
            throw Refusal.invalid("to (" + to + ") must not be before from (" + from + ")");
        }
        long months = ChronoUnit.MONTHS.between(from, to) + 1;
        if (months > MAX_MONTHS) {
            throw Refusal.invalid("from " + from + " to " + to + " is " + months + " months: at most " + MAX_MONTHS);
        }
        return new Asked(from.toString(), to.toString(), commune);
    }

    private static YearMonth month(MultiMap query, String name, YearMonth otherwise) {
        String value = query.get(name);
        if (value == null) {
            return otherwise;
        }
        if (!MONTH.matcher(value).matches()) {
            throw Refusal.invalid(name + " must be a month YYYY-MM, got '" + (value.length() > 40
                    ? value.substring(0, 40) + "…" : value) + "'");
        }
        return YearMonth.parse(value);
    }
}
