package fr.relais.provisioning.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The wiring table of edge-agent/README.md is what an electrician follows on site; the sample
 * inventory is what provisioning renders into the Pis. They must name the same pins.
 */
class SampleWiringTest {
    private static final Path README = Path.of("..", "edge-agent", "README.md");
    private static final Set<String> GPIO_DRIVERS = Set.of("gpio-door", "gpio-presence", "gpio-people-counter",
            "wiegand");
    /** The settings that are pins, in the four GPIO drivers. */
    private static final Set<String> PIN_SETTINGS = Set.of("relay", "contact", "exitButton", "led", "buzzer", "pir",
            "outerBeam", "innerBeam", "d0", "d1");
    /** A row: | place | device | `function` … | BCM | pin | wiring | */
    private static final Pattern ROW = Pattern.compile("^\\| (mediation|coworking) \\| [^|]+ \\| `(\\w+)`[^|]* \\| (\\d+) \\|");

    @Test
    void everyPinOfTheSampleIsTheOneTheWiringTableGivesForThatFunctionAndPlace() throws Exception {
        Set<String> table = wiringTable();
        assertThat(table).as("rows of the wiring table in " + README).hasSizeGreaterThan(10);

        Inventory inventory = new InventoryLoader().load(SampleInventoryTest.SAMPLE);
        List<String> sample = new ArrayList<>();
        for (Site site : inventory.sites()) {
            for (Node node : site.nodes()) {
                for (Device device : node.devices()) {
                    if (!GPIO_DRIVERS.contains(device.driver())) {
                        continue;
                    }
                    for (Map.Entry<String, JsonNode> setting : device.settings().properties()) {
                        if (!PIN_SETTINGS.contains(setting.getKey())) {
                            continue;
                        }
                        pin(setting.getValue()).ifPresent(bcm -> sample.add(site.kind().wire() + " "
                                + setting.getKey() + " " + bcm + " (" + node.id() + "/" + device.id() + ")"));
                    }
                }
            }
        }
        assertThat(sample).as("the sample has GPIO devices").hasSizeGreaterThan(10);
        for (String pin : sample) {
            String key = pin.substring(0, pin.indexOf(" ("));
            assertThat(table).as(pin + " is not a row of the wiring table").contains(key);
        }
    }

    private static java.util.Optional<Integer> pin(JsonNode value) {
        if (value.isInt()) {
            return java.util.Optional.of(value.asInt());
        }
        if (value.isObject() && value.has("pin") && value.get("pin").isInt()) {
            return java.util.Optional.of(value.get("pin").asInt());
        }
        return java.util.Optional.empty();
    }

    private static Set<String> wiringTable() throws IOException {
        String text = Files.readString(README, StandardCharsets.UTF_8);
        String section = text.substring(text.indexOf("### Wiring"));
        Set<String> rows = new TreeSet<>();
        for (String line : section.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                rows.add(row.group(1).toLowerCase(Locale.ROOT) + " " + row.group(2) + " " + row.group(3));
            }
        }
        return rows;
    }
}
