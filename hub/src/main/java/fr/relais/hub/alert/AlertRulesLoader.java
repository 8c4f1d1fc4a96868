package fr.relais.hub.alert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.relais.hub.notify.NotificationSettings;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the alert rules: the defaults shipped in the hub ({@code alerts/default-rules.yaml}), and
 * over them the deployment's own file if there is one. In that file a rule with the id of a
 * default replaces it, a new id adds a rule, overrides come after the defaults' and win, and
 * {@code evaluationSeconds}, {@code defaults} and {@code notifications} replace the shipped ones.
 * Anything unknown, missing or mistyped stops the hub with the file, the rule and the field.
 */
public final class AlertRulesLoader {
    public static final String DEFAULTS = "alerts/default-rules.yaml";
    static final long MAX_SECONDS = 30L * 86_400;
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Map<String, String> environment;

    public AlertRulesLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The shipped defaults, with {@code file} over them if given. */
    public AlertRules load(Optional<Path> file) {
        ObjectNode merged = defaults();
        Map<String, String> origins = new HashMap<>();
        String source = DEFAULTS;
        if (file.isPresent()) {
            String text;
            try {
                text = Files.readString(file.get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AlertRulesException(file.get() + ": cannot read the alert rules: " + e.getMessage(), e);
            }
            source = file.get().toString();
            merged = layer(merged, parse(text, source), source, origins);
        }
        return read(merged, source, origins);
    }

    private static ObjectNode defaults() {
        try (InputStream in = AlertRulesLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the hub's jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULTS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS, e);
        }
    }

    private static ObjectNode parse(String text, String source) {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AlertRulesException(source + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new AlertRulesException(source + ": the alert rules must be a YAML mapping (rules:, overrides:…)");
        }
        return object;
    }

    private static ObjectNode layer(ObjectNode base, ObjectNode top, String source, Map<String, String> origins) {
        ObjectNode merged = base.deepCopy();
        for (Map.Entry<String, JsonNode> entry : top.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.equals("rules") && value.isArray() && merged.get("rules") instanceof ArrayNode baseRules) {
                merged.set("rules", mergeRules(baseRules, (ArrayNode) value, source, origins));
            } else if (key.equals("overrides") && value.isArray() && merged.get("overrides") instanceof ArrayNode) {
                ArrayNode all = ((ArrayNode) merged.get("overrides")).deepCopy();
                all.addAll((ArrayNode) value);
                merged.set("overrides", all);
            } else {
                merged.set(key, value);
            }
        }
        return merged;
    }

    private static ArrayNode mergeRules(ArrayNode base, ArrayNode top, String source, Map<String, String> origins) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        List<JsonNode> withoutId = new ArrayList<>();
        for (JsonNode rule : base) {
            byId.put(rule.path("id").asText(), rule);
        }
        for (JsonNode rule : top) {
            String id = rule.path("id").asText("");
            if (id.isEmpty()) {
                withoutId.add(rule);
            } else {
                byId.put(id, rule);
                origins.put(id, source);
            }
        }
        ArrayNode merged = base.arrayNode();
        byId.values().forEach(merged::add);
        withoutId.forEach(merged::add);
        return merged;
    }

    private AlertRules read(ObjectNode tree, String source, Map<String, String> origins) {
        try {
            StrictObject root = StrictObject.root(tree, "document");
            Duration period = Duration.ofSeconds(root.longIn("evaluationSeconds", 1, 3600, 10));
            RuleReader.Defaults defaults = RuleReader.Defaults.STANDARD;
            Optional<StrictObject> defaultsObject = root.optionalObject("defaults");
            if (defaultsObject.isPresent()) {
                defaults = RuleReader.defaults(defaultsObject.get());
            }
            List<AlertRule> rules = new RuleReader(defaults, source, origins).rules(root);
            List<RuleOverride> overrides = root.has("overrides")
                    ? RuleReader.overrides(root.objects("overrides", 1000), rules) : List.of();
            NotificationSettings notifications = NotificationSettings.none();
            Optional<StrictObject> notificationsObject = root.optionalObject("notifications");
            if (notificationsObject.isPresent()) {
                notifications = new NotificationReader(environment).read(notificationsObject.get());
            }
            root.finish();
            return new AlertRules(period, rules, overrides, notifications);
        } catch (FieldException e) {
            throw new AlertRulesException(source + ": " + e.getMessage(), e);
        }
    }
}
