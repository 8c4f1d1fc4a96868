package fr.relais.hub.web;

import io.vertx.ext.web.RoutingContext;

/**
 * The API's JSON error answer and the {@code limit} parameter's check, shared by the fleet API
 * ({@code api}), the accounts ({@code auth}) and every feature's routes: here so that none of
 * them imports another for it.
 */
public final class ApiErrors {

    private ApiErrors() {
    }

    /**
     * The {@code limit} parameter (1 to 1000) of a list that is not paged by cursor (alerts, the
     * audit), or null once a 400 has been answered.
     */
    public static Integer limit(RoutingContext ctx, int defaultLimit) {
        String asked = ctx.request().getParam("limit");
        if (asked == null) {
            return defaultLimit;
        }
        int limit;
        try {
            limit = Integer.parseInt(asked);
        } catch (NumberFormatException e) {
            fail(ctx, 400, "limit must be a whole number, got '" + asked + "'");
            return null;
        }
        if (limit < 1 || limit > 1000) {
            fail(ctx, 400, "limit must be between 1 and 1000, got " + limit);
            return null;
        }
        return limit;
    }

    /** Answers with the API's JSON error, unless an answer was sent already. */
    public static void fail(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .end(ApiJson.error(status, message).encode());
    }
}
