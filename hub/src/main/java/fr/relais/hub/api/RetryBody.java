package fr.relais.hub.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import fr.relais.hub.alert.AlertBody;
import fr.relais.hub.registry.Filters;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/dead-letters/retry}: either the dead letters by id
 * ({@code {"ids":[…]}}, at most 1 000), or those the list's filters match ({@code node},
 * {@code reason}), the newest {@code limit} (default 100, at most 1 000) of them.
 */
record RetryBody(Optional<List<String>> ids, Filters.DeadLetters filter, int limit) {
    static final int MAX = 1000;
    static final int DEFAULT_LIMIT = 100;
    static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static RetryBody parse(byte[] body) throws AlertBody.Invalid {
        if (body == null || body.length == 0) {
            throw new AlertBody.Invalid("the body must be a JSON object: {\"ids\":[…]} or {\"node\":…, \"reason\":…,"
                    + " \"limit\":…}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AlertBody.Invalid("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new AlertBody.Invalid("the body cannot be read: " + e.getMessage());
        }
        try {
            StrictObject object = StrictObject.root(root, "body");
            if (object.has("ids")) {
                List<String> ids = object.texts("ids");
                object.finish();
                if (ids.isEmpty() || ids.size() > MAX) {
                    throw new AlertBody.Invalid("ids: 1 to " + MAX + " dead letter ids, got " + ids.size());
                }
                for (String id : ids) {
                    if (!UUID_TEXT.matcher(id).matches()) {
                        throw new AlertBody.Invalid("ids: a dead letter id is a UUID, got '" + cut(id) + "'");
                    }
                }
                return new RetryBody(Optional.of(ids.stream().map(id -> id.toLowerCase(Locale.ROOT)).distinct()
                        .toList()), Filters.DeadLetters.ALL, ids.size());
            }
            Optional<String> node = object.optionalId("node");
            Optional<String> reason = object.optionalText("reason");
            int limit = (int) object.longIn("limit", 1, MAX, DEFAULT_LIMIT);
            object.finish();
            if (reason.isPresent() && (reason.get().isEmpty() || reason.get().length() > 200)) {
                throw new AlertBody.Invalid("reason: a piece of the reason, 1 to 200 characters");
            }
            return new RetryBody(Optional.empty(), new Filters.DeadLetters(node.orElse(null), reason.orElse(null)),
                    limit);
        } catch (FieldException e) {
            throw new AlertBody.Invalid(e.getMessage());
        }
    }

    private static String cut(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
