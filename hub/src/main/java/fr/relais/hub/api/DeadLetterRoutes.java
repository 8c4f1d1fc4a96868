package fr.relais.hub.api;

import fr.relais.hub.alert.AlertBody;
import fr.relais.hub.auth.Audit;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.ingest.DeadLetterReplay;
import fr.relais.hub.ingest.DeadLetterRetry;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.registry.Views;
import fr.relais.hub.web.ApiErrors;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Re-ingests dead letters once their cause is fixed (a node's site registered, the hub upgraded
 * to a schema it did not know): {@code POST /api/dead-letters/{id}/retry} and the bulk
 * {@code POST /api/dead-letters/retry}, for administrators ({@code Permissions}), audited like
 * every write. Each message goes back through ingestion's decoding and single writer
 * ({@link DeadLetterReplay}); the answer comes once the writer committed it.
 */
final class DeadLetterRoutes {
    /** How long an answer waits for the writer; the retry still happens after, if queued. */
    private static final long WAIT_SECONDS = 30;

    private final Vertx vertx;
    private final RegistryReader registry;
    private final DeadLetterReplay replay;

    DeadLetterRoutes(Vertx vertx, RegistryReader registry, DeadLetterReplay replay) {
        this.vertx = vertx;
        this.registry = registry;
        this.replay = replay;
    }

    void mount(Router router) {
        router.post("/api/dead-letters/retry").handler(this::bulk);
        router.post("/api/dead-letters/:id/retry").handler(this::one);
    }

    private void one(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!RetryBody.UUID_TEXT.matcher(id).matches()) {
            ApiErrors.fail(ctx, 400, "a dead letter id is a UUID, got '" + id + "'");
            return;
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        Audit.summary(ctx, "dead letter " + wanted + " retried");
        retry(ctx, () -> registry.deadLetter(wanted).map(List::of).orElse(List.of()), List.of(wanted), true);
    }

    private void bulk(RoutingContext ctx) {
        RetryBody body;
        try {
            body = RetryBody.parse(ctx.body() == null || ctx.body().buffer() == null ? null
                    : ctx.body().buffer().getBytes());
        } catch (AlertBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        Audit.summary(ctx, body.ids().map(ids -> ids.size() + " dead letters retried by id")
                .orElse("dead letters retried (" + (body.filter().node() == null ? "" : "node " + body.filter().node()
                        + ", ") + (body.filter().reason() == null ? "" : "reason '" + body.filter().reason() + "', ")
                        + "at most " + body.limit() + ")"));
        List<String> asked = body.ids().orElse(List.of());
        retry(ctx, () -> body.ids().isPresent()
                ? asked.stream().map(registry::deadLetter).flatMap(Optional::stream).toList()
                : registry.deadLetters(body.filter(), PageRequest.first(body.limit())).rows(), asked, false);
    }

    private interface Finder {
        List<Views.DeadLetter> find() throws Exception;
    }

    /** The outcome of one dead letter, as the answer lists it. */
    private record Result(String id, String outcome, String field, String reason) {
        JsonObject json() {
            return new JsonObject().put("id", id).put("outcome", outcome).put("field", field).put("reason", reason);
        }
    }

    private void retry(RoutingContext ctx, Finder finder, List<String> asked, boolean single) {
        Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> submit(finder.find(), asked), false).compose(pending ->
                Future.fromCompletionStage(CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                        .orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).thenApply(done -> pending), context))
                .onComplete(result -> {
                    if (result.failed()) {
                        answerFailure(ctx, result.cause());
                        return;
                    }
                    List<Result> results = result.result().stream().map(CompletableFuture::join).toList();
                    if (single) {
                        Result only = results.get(0);
                        if (only.outcome().equals("not-found")) {
                            ApiErrors.fail(ctx, 404, "no dead letter " + only.id());
                        } else {
                            ctx.json(only.json());
                        }
                    } else {
                        ctx.json(summary(results));
                    }
                });
    }

    /** Queues each dead letter that can be retried; the others are answered at once. */
    private List<CompletableFuture<Result>> submit(List<Views.DeadLetter> letters, List<String> asked)
            throws DeadLetterReplay.Busy, InterruptedException {
        List<CompletableFuture<Result>> pending = new ArrayList<>();
        List<String> found = letters.stream().map(Views.DeadLetter::id).toList();
        for (String id : asked) {
            if (!found.contains(id)) {
                pending.add(CompletableFuture.completedFuture(new Result(id, "not-found", null,
                        "no such dead letter (retried and stored already, or deleted)")));
            }
        }
        for (Views.DeadLetter letter : letters) {
            byte[] payload = Base64.getDecoder().decode(letter.payloadBase64());
            if (payload.length < letter.payloadSize()) {
                pending.add(CompletableFuture.completedFuture(new Result(letter.id(), "truncated", "payload",
                        "only " + payload.length + " of its " + letter.payloadSize() + " bytes were kept: it cannot be"
                                + " ingested again")));
                continue;
            }
            DeadLetterRetry retry = replay.submit(letter.id(), letter.topic(), payload);
            pending.add(retry.done().thenApply(outcome -> new Result(outcome.deadLetterId(), outcome.kind().wire(),
                    outcome.field(), outcome.reason())));
        }
        return pending;
    }

    private static JsonObject summary(List<Result> results) {
        JsonObject counts = new JsonObject();
        for (String outcome : List.of("stored", "duplicate", "refused", "truncated", "not-found")) {
            counts.put(outcome, results.stream().filter(r -> r.outcome().equals(outcome)).count());
        }
        JsonArray each = new JsonArray();
        results.forEach(result -> each.add(result.json()));
        return new JsonObject().put("retried", results.size()).put("outcomes", counts).put("results", each);
    }

    private static void answerFailure(RoutingContext ctx, Throwable cause) {
        Throwable failure = cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null
                ? cause.getCause() : cause;
        if (failure instanceof DeadLetterReplay.Busy || failure instanceof TimeoutException) {
            ApiErrors.fail(ctx, 503, failure instanceof TimeoutException
                    ? "queued, but ingestion has not stored it within " + WAIT_SECONDS + " s (it is behind, or the"
                    + " database is failing): it will be, look at the dead letters again later"
                    : failure.getMessage());
        } else {
            ctx.fail(500, failure);
        }
    }
}
