package fr.relais.agent.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * What {@code agent check KIND TARGET [--key value …]} asks for, as the one device of a node's
 * configuration: the driver the kind and target call for, the target in the setting that
 * driver reads it from, and every {@code --key value} as a further setting ({@code --a.b v}
 * nests). Values are YAML scalars: {@code --pulseMillis 500} is a number.
 */
record CheckTarget(String kind, String driver, ObjectNode settings) {
    static final String KINDS = "printer URI, scanner URL, probe tcp://HOST:PORT, badge DEVICE,"
            + " gpio door|presence|counter|wiegand";
    private static final YAMLMapper YAML = new YAMLMapper();

    /** @throws IllegalArgumentException with a message for the technician */
    static CheckTarget of(String kind, String target, List<String> options) {
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        CheckTarget check = switch (kind.toLowerCase(Locale.ROOT)) {
            case "printer" -> new CheckTarget("printer", "ipp", settings.put("uri", target));
            case "scanner" -> new CheckTarget("scanner", "escl", settings.put("url", target));
            case "probe" -> {
                settings.putArray("targets").add(target);
                yield new CheckTarget("probe", "probe", settings);
            }
            case "badge" -> target.startsWith("/dev/input/")
                    ? new CheckTarget("badge-reader", "evdev", settings.put("device", target))
                    : new CheckTarget("badge-reader", "serial-badge", settings.put("port", target));
            case "gpio" -> switch (target) {
                case "door" -> new CheckTarget("door", "gpio-door", settings);
                case "presence" -> new CheckTarget("presence-sensor", "gpio-presence", settings);
                case "counter" -> new CheckTarget("presence-sensor", "gpio-people-counter", settings);
                case "wiegand" -> new CheckTarget("badge-reader", "wiegand", settings);
                default -> throw new IllegalArgumentException("gpio wants door, presence, counter or wiegand, not '"
                        + target + "'");
            };
            default -> throw new IllegalArgumentException("no kind '" + kind + "'; kinds: " + KINDS);
        };
        for (int i = 0; i < options.size(); i += 2) {
            String option = options.get(i);
            if (!option.startsWith("--") || option.length() == 2) {
                throw new IllegalArgumentException("expected an option like --contact 17, got '" + option + "'");
            }
            if (i + 1 >= options.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            put(settings, option.substring(2), scalar(options.get(i + 1)));
        }
        return check;
    }

    private static void put(ObjectNode settings, String path, JsonNode value) {
        String[] names = path.split("\\.", -1);
        ObjectNode object = settings;
        for (int i = 0; i < names.length - 1; i++) {
            JsonNode child = object.get(names[i]);
            object = child instanceof ObjectNode nested ? nested : object.putObject(names[i]);
        }
        object.set(names[names.length - 1], value);
    }

    private static JsonNode scalar(String text) {
        try {
            JsonNode value = YAML.readTree(text);
            return value == null || value.isContainerNode() || value.isMissingNode()
                    ? JsonNodeFactory.instance.textNode(text) : value;
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }
}
