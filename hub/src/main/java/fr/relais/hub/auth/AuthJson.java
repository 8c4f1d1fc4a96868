package fr.relais.hub.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The JSON shapes of accounts, tokens and the audit. Times are ISO-8601 UTC texts, or null. */
final class AuthJson {
    private AuthJson() {
    }

    static <T> JsonArray array(List<T> rows, Function<T, JsonObject> shape) {
        JsonArray array = new JsonArray();
        rows.forEach(row -> array.add(shape.apply(row)));
        return array;
    }

    static JsonObject account(Account account) {
        return new JsonObject()
                .put("username", account.username())
                .put("role", account.role().wire())
                .put("site", account.site())
                .put("createdAt", time(account.createdAt()))
                .put("disabled", !account.enabled())
                .put("disabledAt", time(account.disabledAt()));
    }

    static JsonObject caller(Caller caller) {
        return new JsonObject()
                .put("username", caller.username())
                .put("role", caller.role().wire())
                .put("site", caller.site())
                .put("via", caller.via() == Caller.Via.SESSION ? "session" : "token");
    }

    static JsonObject token(TokenStore.Token token) {
        return new JsonObject()
                .put("id", token.id())
                .put("username", token.username())
                .put("name", token.name())
                .put("createdAt", time(token.createdAt()))
                .put("expiresAt", time(token.expiresAt()))
                .put("lastUsedAt", time(token.lastUsedAt()));
    }

    static JsonObject audit(AuditStore.Entry entry) {
        return new JsonObject()
                .put("id", entry.id())
                .put("at", time(entry.at()))
                .put("username", entry.username())
                .put("method", entry.method())
                .put("path", entry.path())
                .put("status", entry.status())
                .put("remoteAddress", entry.remoteAddress())
                .put("summary", entry.summary());
    }

    static String time(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
