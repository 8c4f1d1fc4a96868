package fr.relais.hub.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;

/** Posts a notice as JSON; anything but a 2xx answer is a failure, to be tried again. */
final class WebhookSender implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 10_000;

    private final WebClient client;

    WebhookSender(Vertx vertx) {
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(TIMEOUT_MILLIS)
                .setUserAgent("relais-hub"));
    }

    Future<Void> post(URI url, JsonObject body) {
        return client.postAbs(url.toString()).timeout(TIMEOUT_MILLIS).sendJsonObject(body).compose(response -> {
            if (response.statusCode() / 100 == 2) {
                return Future.succeededFuture();
            }
            // Scheme and host only: a webhook's path often carries its secret token.
            return Future.failedFuture(url.getScheme() + "://" + url.getAuthority() + "/… answered "
                    + response.statusCode());
        });
    }

    @Override
    public void close() {
        client.close();
    }
}
