package fr.relais.hub.command;

import fr.relais.protocol.ConfigSecrets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's arguments as the hub records and shows them: the node gets the real ones, but no
 * password is kept in the database or returned by the API, where anyone who can read the
 * commands of a node would find it. {@code set-config} carries a whole {@code agent.yaml} in
 * {@code args.config}, masked like the agent masks its own in {@code get-config}; any argument
 * named {@code password}, at any depth, is masked too.
 */
final class RecordedArgs {
    static final String SET_CONFIG = "set-config";
    private static final String PASSWORD = "password";

    private RecordedArgs() {
    }

    static Map<String, Object> of(String command, Map<String, Object> args) {
        Map<String, Object> recorded = object(args);
        if (SET_CONFIG.equals(command) && recorded.get("config") instanceof String config) {
            recorded.put("config", ConfigSecrets.maskForRecord(config));
        }
        return recorded;
    }

    private static Map<String, Object> object(Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(key, PASSWORD.equalsIgnoreCase(key) && value != null
                ? ConfigSecrets.MASK : value(value)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object value) {
        if (value instanceof Map<?, ?> map) {
            return object((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(value(item)));
            return copy;
        }
        return value;
    }
}
