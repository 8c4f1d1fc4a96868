package fr.relais.provisioning.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Asserts that an inventory is refused with the right line and field. The expected line is the
 * one of the document marked {@code # <-}, so documents can be edited without recounting lines.
 */
final class Refusals {
    static final String MARK = "# <-";

    private Refusals() {
    }

    static void assertRefused(String yaml, String field, String reason) {
        int line = markedLine(yaml);
        InventoryException e = refused(() -> new InventoryLoader().parse("territoire.yaml", yaml));
        assertThat(e.getMessage()).startsWith("territoire.yaml line " + line + ", " + field + ": ").contains(reason);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.field()).isEqualTo(field);
    }

    static InventoryException refused(Loading loading) {
        try {
            loading.load();
        } catch (InventoryException e) {
            return e;
        }
        throw new AssertionError("the inventory was accepted");
    }

    private static int markedLine(String yaml) {
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(MARK)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line of the document is marked " + MARK);
    }

    /** Loads an inventory one way or another. */
    @FunctionalInterface
    interface Loading {
        Inventory load() throws InventoryException;
    }
}
