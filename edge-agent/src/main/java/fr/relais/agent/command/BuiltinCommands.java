package fr.relais.agent.command;

import fr.relais.agent.config.CommandSettings;
import fr.relais.agent.outbox.OutboxStats;
import java.util.Map;
import java.util.TreeMap;

/** The commands every node understands. */
public final class BuiltinCommands {
    private BuiltinCommands() {
    }

    public static Map<String, CommandHandler> create(NodeControl node, CommandSettings settings) {
        Map<String, CommandHandler> handlers = new TreeMap<>();
        handlers.put("ping", command -> Outcome.ok(node.describe()));
        handlers.put("rebirth", command -> {
            node.rebirth();
            return Outcome.ok(Map.of());
        });
        handlers.put("get-config", command -> Outcome.ok(node.configuration()));
        handlers.put("set-config", command -> {
            Object yaml = command.args().get("config");
            if (!(yaml instanceof String text) || text.isBlank()) {
                return Outcome.rejected("set-config needs args.config: the whole agent.yaml as a text");
            }
            return node.reconfigure(text);
        });
        handlers.put("restart-kiosk", new SystemCommand("commands.restartKiosk", settings.restartKiosk(),
                settings.timeout()));
        handlers.put("reboot", new SystemCommand("commands.reboot", settings.reboot(), settings.timeout()));
        handlers.put("flush-outbox-stats", command -> {
            OutboxStats stats = node.flushOutboxStats();
            return Outcome.ok(stats.asMetrics());
        });
        return handlers;
    }
}
