package fr.relais.provisioning.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds a node to an inventory file by inserting its lines after the site's last node, so that
 * comments and layout the technicians wrote stay as they are. The result is read back and must
 * be the old inventory plus that node; otherwise the file is left untouched.
 */
public final class InventoryEditor {
    private final InventoryLoader loader = new InventoryLoader();

    /** The inventory as it is after the change. */
    public Inventory addNode(Path file, String siteId, String nodeId, NodeAuth auth) throws InventoryException,
            IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Inventory before = loader.parse(file.toString(), text);
        YamlLineIndex lines;
        try {
            lines = YamlLineIndex.of(text);
        } catch (YamlLineIndex.SyntaxException e) {
            throw new InventoryException(file.toString(), e.line(), e.path(), e.reason());
        }
        int siteIndex = indexOf(before, siteId);
        if (siteIndex < 0) {
            throw new InventoryException(file.toString(), lines.lineOf("sites"), "sites", "no site '" + siteId
                    + "' in the inventory");
        }
        List<String> fileLines = new ArrayList<>(text.lines().toList());
        String firstNode = "sites[" + siteIndex + "].nodes[0].id";
        String dashLine = fileLines.get(lines.lineOf(firstNode) - 1);
        int dash = dashLine.indexOf("- ");
        if (dash < 0 || !dashLine.substring(0, dash).isBlank()) {
            throw new InventoryException(file.toString(), lines.lineOf(firstNode), firstNode,
                    "the site's nodes are not written as a block list ('- id: …'): add the node by hand");
        }
        String indent = dashLine.substring(0, dash);
        int end = siteIndex + 1 < before.sites().size()
                ? lines.lineOf("sites[" + (siteIndex + 1) + "].id") - 1 : fileLines.size();
        // The next site's own comments stay with it.
        while (end > 0 && (fileLines.get(end - 1).isBlank() || fileLines.get(end - 1).strip().startsWith("#")
                || fileLines.get(end - 1).strip().equals("-"))) {
            end--;
        }
        List<String> added = new ArrayList<>(List.of(indent + "- id: " + nodeId));
        if (auth != NodeAuth.PASSWORD) {
            added.add(indent + "  auth: " + auth.wire());
        }
        added.add(indent + "  devices: []   # added by relais-provision add-node: list its equipment here");
        fileLines.addAll(end, added);
        String after = String.join("\n", fileLines) + "\n";
        Inventory result = loader.parse(file.toString(), after);
        if (!sameButForNode(before, result, siteIndex, nodeId)) {
            throw new InventoryException(file.toString(), end + 1, "sites[" + siteIndex + "].nodes",
                    "could not insert the node cleanly: add it by hand");
        }
        // Whole or not at all, with the file's own mode.
        fr.relais.provisioning.render.GeneratedFile.write(file, after.getBytes(StandardCharsets.UTF_8),
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        return result;
    }

    private static int indexOf(Inventory inventory, String siteId) {
        for (int i = 0; i < inventory.sites().size(); i++) {
            if (inventory.sites().get(i).id().equals(siteId)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameButForNode(Inventory before, Inventory after, int siteIndex, String nodeId) {
        if (before.sites().size() != after.sites().size()) {
            return false;
        }
        for (int i = 0; i < before.sites().size(); i++) {
            Site old = before.sites().get(i);
            Site now = after.sites().get(i);
            List<Node> expected = new ArrayList<>(old.nodes());
            if (i == siteIndex) {
                if (now.nodes().size() != expected.size() + 1
                        || !now.nodes().get(now.nodes().size() - 1).id().equals(nodeId)) {
                    return false;
                }
                expected.add(now.nodes().get(now.nodes().size() - 1));
            }
            if (!now.nodes().equals(expected) || !now.id().equals(old.id())) {
                return false;
            }
        }
        return true;
    }
}
