package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The screens' colours reach WCAG 2.x AA, computed from the stylesheets themselves, no browser:
 * the colour tokens of base.css's {@code :root} and the rules that use them. Text needs 4.5:1
 * against its background; a health colour as a graphic (a map mark, a card's left bar, always
 * next to its word) needs 3:1 against the surface it sits on (WCAG 1.4.11).
 */
class ContrastTest {
    private static final double TEXT = 4.5;
    private static final double GRAPHIC = 3.0;
    private static final Pattern TOKEN = Pattern.compile("--([a-z0-9-]+)\\s*:\\s*([^;]+);");
    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^{}]*)}");
    private static final Pattern HEX = Pattern.compile("#(\\p{XDigit}{3}|\\p{XDigit}{6})");
    private static final Pattern VAR = Pattern.compile("var\\(--([a-z0-9-]+)\\)");

    /** A colour in front of another, what must reach the ratio and where the stylesheets pair them. */
    private record Pair(String front, String back, double minimum, String where) {
    }

    /**
     * The pairs the rules make through inheritance, which {@link #everyRuleThatSetsBothColours}
     * cannot see: a rule sets a background and its text keeps the colour of the page or of a class.
     */
    private static final List<Pair> INHERITED = List.of(
            new Pair("ink", "paper", TEXT, "text in a section"),
            new Pair("ink", "page", TEXT, "text on the page"),
            new Pair("ink-soft", "paper", TEXT, "secondary text (.device-kind, .equipment-seen, .precision)"),
            new Pair("ink-soft", "page", TEXT, "secondary text outside a section"),
            new Pair("brand", "paper", TEXT, "links and buttons (#screen a, #screen button)"),
            new Pair("critical", "paper", TEXT, ".node-offline .node-state"),
            new Pair("#fff", "brand", TEXT, "#nav a, a pressed period, .severity-info .health-word"),
            new Pair("#fff", "ok", TEXT, ".health-ok .health-word"),
            new Pair("#fff", "warning", TEXT, ".health-warning .health-word"),
            new Pair("#fff", "critical", TEXT, ".health-critical .health-word"),
            new Pair("#fff", "unknown", TEXT, ".health-word of an unknown health"),
            new Pair("ink", "ok-soft", TEXT, ".device.health-ok, .alert-done"),
            new Pair("ink", "warning-soft", TEXT, ".notice, .device.health-warning, .simulated-banner"),
            new Pair("ink", "critical-soft", TEXT, ".alert-item.severity-critical, .device.health-critical"),
            new Pair("ink", "unknown-soft", TEXT, ".alert-item, .device"),
            new Pair("ink-soft", "ok-soft", TEXT, ".device-kind in a healthy device"),
            new Pair("ink-soft", "warning-soft", TEXT, ".alert-state in a warning"),
            new Pair("ink-soft", "critical-soft", TEXT, ".alert-state in a critical alert"),
            new Pair("ink-soft", "unknown-soft", TEXT, ".alert-state, .device-kind"),
            new Pair("ok", "paper", GRAPHIC, "a healthy mark on the map"),
            new Pair("warning", "paper", GRAPHIC, "a warning mark on the map"),
            new Pair("critical", "paper", GRAPHIC, "a critical mark on the map"),
            new Pair("unknown", "paper", GRAPHIC, "a mark of unknown health on the map"),
            new Pair("ok", "ok-soft", GRAPHIC, "a healthy device's left bar"),
            new Pair("warning", "warning-soft", GRAPHIC, "a warning's left bar"),
            new Pair("critical", "critical-soft", GRAPHIC, "a critical alert's left bar"),
            new Pair("unknown", "unknown-soft", GRAPHIC, "an unknown device's left bar"),
            // The focus ring: the accent outline is too light on paper, so it sits on a brand halo.
            new Pair("accent", "brand", GRAPHIC, "the focus outline on its brand halo"),
            new Pair("brand", "paper", GRAPHIC, "the focus halo on a section"));

    @Test
    void theWcagFormulaGivesItsKnownRatios() {
        assertThat(ratio(Colour.parse("#000"), Colour.parse("#fff"))).isCloseTo(21.0, within());
        assertThat(ratio(Colour.parse("#fff"), Colour.parse("#fff"))).isCloseTo(1.0, within());
        // The well-known borderline greys: #767676 is the lightest to pass AA on white, #777 fails it.
        assertThat(ratio(Colour.parse("#767676"), Colour.parse("#ffffff"))).isGreaterThanOrEqualTo(TEXT);
        assertThat(ratio(Colour.parse("#777"), Colour.parse("#fff"))).isLessThan(TEXT);
        assertThat(ratio(Colour.parse("#1b7f3b"), Colour.parse("#fff")))
                .isEqualTo(ratio(Colour.parse("#fff"), Colour.parse("#1B7F3B")));
        assertThatThrownBy(() -> Colour.parse("rgb(0, 0, 0)")).hasMessageContaining("rgb(0, 0, 0)");
    }

    @Test
    void baseCssDeclaresEveryTokenTheScreensUse() throws Exception {
        assertThat(tokens()).containsKeys("ink", "ink-soft", "paper", "page", "brand", "accent", "ok", "warning",
                "critical", "unknown", "ok-soft", "warning-soft", "critical-soft", "unknown-soft");
        Map<String, String> base = customProperties(stripComments(Files.readString(css().resolve("base.css"))));
        try (Stream<Path> sheets = Files.list(css())) {
            for (Path sheet : sheets.toList()) {
                String text = stripComments(Files.readString(sheet));
                Map<String, String> own = customProperties(text);
                Matcher used = VAR.matcher(text);
                while (used.find()) {
                    assertThat(base.containsKey(used.group(1)) || own.containsKey(used.group(1)))
                            .as(sheet.getFileName() + " uses var(--" + used.group(1) + "), declared nowhere").isTrue();
                }
            }
        }
    }

    @Test
    void theInheritedPairsReachAa() throws Exception {
        Map<String, Colour> tokens = tokens();
        List<String> failures = new ArrayList<>();
        for (Pair pair : INHERITED) {
            check(pair, resolve(pair.front(), tokens, Map.of()).orElseThrow(),
                    resolve(pair.back(), tokens, Map.of()).orElseThrow(), failures);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyRuleThatSetsBothColours() throws Exception {
        Map<String, Colour> tokens = tokens();
        List<String> failures = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        try (Stream<Path> sheets = Files.list(css())) {
            for (Path sheet : sheets.sorted().toList()) {
                String text = stripComments(Files.readString(sheet));
                Map<String, String> own = customProperties(text);
                Matcher rule = RULE.matcher(text);
                while (rule.find()) {
                    Map<String, String> declarations = declarations(rule.group(2));
                    String background = Optional.ofNullable(declarations.get("background-color"))
                            .orElse(declarations.get("background"));
                    String colour = declarations.get("color");
                    if (colour == null || background == null) {
                        continue;
                    }
                    Optional<Colour> front = resolve(colour, tokens, own);
                    Optional<Colour> back = resolve(background, tokens, own);
                    if (front.isEmpty() || back.isEmpty()) {
                        continue;
                    }
                    String where = sheet.getFileName() + " " + rule.group(1).strip().replaceAll("\\s+", " ");
                    checked.add(where);
                    check(new Pair(colour, background, TEXT, where), front.get(), back.get(), failures);
                }
            }
        }
        assertThat(checked).as("the rules found, so that the parsing is known to see them")
                .anyMatch(where -> where.contains(".health-badge"))
                .anyMatch(where -> where.contains("#screen button"))
                .anyMatch(where -> where.contains(".heat-4"));
        assertThat(failures).isEmpty();
    }

    private static void check(Pair pair, Colour front, Colour back, List<String> failures) {
        double ratio = ratio(front, back);
        if (ratio < pair.minimum()) {
            failures.add(String.format(Locale.ROOT, "%s on %s is %.2f:1, below %.1f:1 (%s)", pair.front(),
                    pair.back(), ratio, pair.minimum(), pair.where()));
        }
    }

    /** A token name, a var(--token), a hex colour; empty for what is not one solid colour (transparent, a gradient). */
    private static Optional<Colour> resolve(String value, Map<String, Colour> tokens, Map<String, String> own) {
        String text = value.strip();
        Matcher var = VAR.matcher(text);
        String name = var.matches() ? var.group(1) : text;
        if (tokens.containsKey(name)) {
            return Optional.of(tokens.get(name));
        }
        if (own.containsKey(name)) {
            return resolve(own.get(name), tokens, Map.of());
        }
        Matcher hex = HEX.matcher(text);
        if (hex.matches()) {
            return Optional.of(Colour.parse(text));
        }
        if (var.matches()) {
            throw new AssertionError("var(--" + name + ") is declared nowhere");
        }
        return Optional.empty();
    }

    private static Map<String, Colour> tokens() throws IOException, URISyntaxException {
        String base = stripComments(Files.readString(css().resolve("base.css")));
        Matcher root = Pattern.compile(":root\\s*\\{([^}]*)}").matcher(base);
        assertThat(root.find()).as("base.css has a :root block").isTrue();
        Map<String, Colour> tokens = new LinkedHashMap<>();
        customProperties(root.group(1)).forEach((name, value) -> {
            if (HEX.matcher(value).matches()) {
                tokens.put(name, Colour.parse(value));
            }
        });
        return tokens;
    }

    private static Map<String, String> customProperties(String text) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            found.put(token.group(1), token.group(2).strip());
        }
        return found;
    }

    private static Map<String, String> declarations(String block) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String declaration : block.split(";")) {
            int colon = declaration.indexOf(':');
            if (colon > 0) {
                found.put(declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        declaration.substring(colon + 1).replace("!important", "").strip());
            }
        }
        return found;
    }

    private static String stripComments(String css) {
        return css.replaceAll("(?s)/\\*.*?\\*/", "");
    }

    private static Path css() throws URISyntaxException {
        return Path.of(ContrastTest.class.getResource("/webroot/css/base.css").toURI()).getParent();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.001);
    }

    /** WCAG 2.x: (L1 + 0.05) / (L2 + 0.05), the lighter colour's relative luminance over the darker's. */
    static double ratio(Colour a, Colour b) {
        double lighter = Math.max(a.luminance(), b.luminance());
        double darker = Math.min(a.luminance(), b.luminance());
        return (lighter + 0.05) / (darker + 0.05);
    }

    /** An sRGB colour of #rgb or #rrggbb. */
    record Colour(int red, int green, int blue) {
        static Colour parse(String text) {
            Matcher hex = HEX.matcher(text.strip());
            if (!hex.matches()) {
                throw new IllegalArgumentException("not a #rgb or #rrggbb colour: '" + text + "'");
            }
            String digits = hex.group(1);
            if (digits.length() == 3) {
                digits = digits.replaceAll("(.)", "$1$1");
            }
            return new Colour(Integer.parseInt(digits.substring(0, 2), 16), Integer.parseInt(digits.substring(2, 4), 16),
                    Integer.parseInt(digits.substring(4, 6), 16));
        }

        /** Relative luminance per WCAG 2.x, the sRGB channels linearised. */
        double luminance() {
            return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
        }

        private static double linear(int channel) {
            double c = channel / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
    }
}
