package fr.relais.hub.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a batch's end writes, seen at the JDBC calls: rows in key order whatever the order of the
 * readings (two hubs lock rows in the same order), and the reading that wins each row.
 */
class PendingUpdatesTest {
    /** The rows each statement was given, by the start of its SQL, parameters by index. */
    private final Map<String, List<Map<Integer, Object>>> rows = new HashMap<>();

    private Connection recorder() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("prepareStatement")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String sql = (String) args[0];
                    String table = sql.startsWith("UPDATE nodes SET metrics") ? "UPDATE node metrics"
                            : sql.substring(0, sql.indexOf(" SET"));
                    List<Map<Integer, Object>> batch = rows.computeIfAbsent(table, s -> new ArrayList<>());
                    Map<Integer, Object> current = new HashMap<>();
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                            (statement, call, values) -> {
                                switch (call.getName()) {
                                    case "setLong", "setString" -> current.put((Integer) values[0], values[1]);
                                    case "addBatch" -> {
                                        batch.add(new HashMap<>(current));
                                        current.clear();
                                    }
                                    case "executeBatch" -> {
                                        return new int[batch.size()];
                                    }
                                    default -> throw new UnsupportedOperationException(call.getName());
                                }
                                return null;
                            });
                });
    }

    @Test
    void rowsAreWrittenInKeyOrderWhateverTheReadingsOrder() throws SQLException {
        PendingUpdates pending = new PendingUpdates(1_000);
        List<String> nodes = List.of("node-c", "node-a", "node-b");
        List<String> devices = List.of("probe-2", "kiosk-1", "printer-1", "probe-10");
        long seq = 1;
        for (String device : devices) {
            for (String node : nodes) {
                pending.numbered(node, seq, seq);
                pending.device(node, device, "ok", "{}", seq, seq);
                pending.nodeMetrics(node, "{}", seq);
                seq++;
            }
        }
        pending.flush(recorder());

        assertThat(rows.get("UPDATE nodes").stream().map(row -> row.get(5))).containsExactly("node-a", "node-b", "node-c");
        assertThat(rows.get("UPDATE node metrics").stream().map(row -> row.get(5)))
                .containsExactly("node-a", "node-b", "node-c");
        assertThat(rows.get("UPDATE devices").stream().map(row -> row.get(9) + "/" + row.get(10))).containsExactly(
                "node-a/kiosk-1", "node-a/printer-1", "node-a/probe-10", "node-a/probe-2",
                "node-b/kiosk-1", "node-b/printer-1", "node-b/probe-10", "node-b/probe-2",
                "node-c/kiosk-1", "node-c/printer-1", "node-c/probe-10", "node-c/probe-2");
    }

    @Test
    void theHighestNumberOfTheLatestRunWinsAndTheLastContactIsTheLatest() throws SQLException {
        PendingUpdates pending = new PendingUpdates(1_000);
        Connection connection = recorder(); // its statements are prepared once, kept across batches
        pending.numbered("node-a", 500_000, 10);
        pending.device("node-a", "probe-1", "ok", "{\"v\":1}", 500_000, 10);
        pending.numbered("node-a", 499_999, 30);
        pending.device("node-a", "probe-1", "warn", "{\"v\":0}", 499_999, 30);
        pending.device("node-a", "printer-1", "ok", "{\"p\":1}", 499_999, 30);
        pending.flush(connection);
        Map<Integer, Object> probe = rows.get("UPDATE devices").get(1);
        assertThat(probe.get(10)).isEqualTo("probe-1");
        assertThat(probe.get(2)).as("the older number does not replace the value").isEqualTo("ok");
        assertThat(probe.get(4)).isEqualTo("{\"v\":1}");
        assertThat(probe.get(1)).isEqualTo(500_000L);
        assertThat(probe.get(7)).as("but the contact is the latest").isEqualTo(30L);

        rows.values().forEach(List::clear);
        pending.numbered("node-a", 500_000, 40);
        pending.device("node-a", "probe-1", "ok", "{\"v\":1}", 500_000, 40);
        pending.numbered("node-a", 3, 50); // a new numbering (the node lost its counter): a later run
        pending.device("node-a", "probe-1", "error", "{\"v\":3}", 3, 50);
        pending.nodeMetrics("node-a", "{\"n\":3}", 3);
        pending.flush(connection);
        Map<Integer, Object> restarted = rows.get("UPDATE devices").get(0);
        assertThat(restarted.get(2)).as("the later run wins despite its lower number").isEqualTo("error");
        assertThat(restarted.get(1)).isEqualTo(3L);
        assertThat(restarted.get(7)).isEqualTo(50L);
        assertThat(rows.get("UPDATE nodes").stream().map(row -> row.get(2) + ".." + row.get(3)))
                .as("one row per run, in the order they came").containsExactly("500000..500000", "3..3");
        assertThat(rows.get("UPDATE node metrics").stream().map(row -> row.get(2) + "@" + row.get(1)))
                .containsExactly("{\"n\":3}@3");
    }
}
