package fr.relais.provisioning.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Any inventory text: the loader gives an inventory, or an {@link InventoryException} naming a
 * line of the text and a field; never another exception (a raw parser exception, a
 * NullPointerException…). Seeds under {@code InventoryFuzzTestInputs/parse}: the example
 * territory and the documents of the rejection tests.
 */
class InventoryFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            Inventory inventory = new InventoryLoader().parse("territoire.yaml", text);
            assertThat(inventory.sites()).as("an accepted inventory has sites").isNotNull();
        } catch (InventoryException e) {
            assertThat(e.line()).as("the line of the mistake").isBetween(1, (int) text.lines().count() + 1);
            assertThat(e.field()).as("the field").isNotBlank();
            assertThat(e.reason()).as("the reason").isNotBlank();
        }
    }
}
