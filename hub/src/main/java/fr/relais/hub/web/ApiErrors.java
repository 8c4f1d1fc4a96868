package fr.relais.hub.web;

import io.vertx.ext.web.RoutingContext;

/**
 * The API's JSON error answer, shared by the fleet API ({@code api}), the accounts
 * ({@code auth}) and every feature's routes: here so that none of them imports another for it.
 */
public final class ApiErrors {

    private ApiErrors() {
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
