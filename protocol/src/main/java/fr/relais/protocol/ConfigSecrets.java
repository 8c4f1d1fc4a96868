package fr.relais.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hides the passwords of an agent configuration text ({@code agent.yaml}) wherever it leaves the
 * node other than to be applied: the agent's {@code get-config} answer, and the {@code set-config}
 * commands the hub records and shows. The command that travels to the node keeps the real text.
 */
public final class ConfigSecrets {
    /** What a password is replaced with. */
    public static final String MASK = "****";
    /**
     * What the hub records instead of a configuration whose passwords it cannot find for sure:
     * better a technician who cannot read back a text than a password left in a database.
     */
    public static final String WITHHELD = "# configuration not kept by the hub: it is not valid YAML, or a password"
            + " in it could not be masked\n";
    private static final Pattern PASSWORD_LINE = Pattern.compile("(?m)^(\\s*password\\s*:\\s*)\\S.*$");
    private static final Pattern PASSWORD_IN_FLOW = Pattern.compile(
            "([{,]\\s*[\"']?password[\"']?\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^']|'')*'|[^,}\\n]*)");
    /** Shorter literals are not searched for: masking every "a" would garble the text. */
    private static final int MIN_LITERAL_MASK = 4;
    private static final String PASSWORD_KEY = "password";
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigSecrets() {
    }

    /**
     * The text with every password value replaced: on its own line ({@code password: x}) or inside
     * a one-line mapping ({@code {url: …, password: x}}), and, as a last resort, wherever one of
     * the known passwords itself appears. For the agent, which has parsed its configuration and
     * knows its password.
     */
    public static String mask(String yaml, Collection<String> passwords) {
        String masked = PASSWORD_LINE.matcher(yaml).replaceAll("$1\"" + MASK + "\"");
        masked = PASSWORD_IN_FLOW.matcher(masked).replaceAll("$1\"" + MASK + "\"");
        for (String password : passwords) {
            if (password.length() >= MIN_LITERAL_MASK) {
                masked = masked.replace(password, MASK);
            }
        }
        return masked;
    }

    /** {@link #mask(String, Collection)} with the one password an agent's broker may have. */
    public static String mask(String yaml, Optional<String> password) {
        return mask(yaml, password.map(List::of).orElse(List.of()));
    }

    /**
     * The text fit for a record, for a reader that knows nothing of it (the hub): the passwords
     * are found by reading the YAML, masked, and the result is read again to prove that none is
     * left. If it is not valid YAML, or some password survived (a multi-line scalar, an alias,
     * a password too short to search for safely), the whole text is replaced by {@link #WITHHELD}.
     */
    public static String maskForRecord(String yaml) {
        List<String> passwords = new ArrayList<>();
        try {
            passwordsIn(YAML.readTree(yaml), passwords);
        } catch (IOException | RuntimeException e) {
            return WITHHELD;
        }
        String masked = mask(yaml, passwords);
        List<String> left = new ArrayList<>();
        try {
            passwordsIn(YAML.readTree(masked), left);
        } catch (IOException | RuntimeException e) {
            return WITHHELD;
        }
        boolean allMasked = left.stream().allMatch(MASK::equals);
        boolean noneInText = passwords.stream().noneMatch(password -> !password.isEmpty() && !MASK.equals(password)
                && masked.contains(password.strip()));
        return allMasked && noneInText ? masked : WITHHELD;
    }

    /** Every value under a {@code password} key, at any depth, as text. */
    private static void passwordsIn(JsonNode node, List<String> found) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                if (PASSWORD_KEY.equalsIgnoreCase(field.getKey())) {
                    // A mapping or list where a password goes is no password, but nothing proves it
                    // holds none: kept as its text, so that the check after masking refuses it.
                    if (!value.isNull()) {
                        found.add(value.isContainerNode() ? value.toString() : value.asText());
                    }
                } else {
                    passwordsIn(field.getValue(), found);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> passwordsIn(item, found));
        }
    }
}
