package fr.relais.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.FluentConfig;
import io.moquette.broker.config.IConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The demo's fallback broker for machines without Mosquitto: an embedded Java broker
 * (Moquette) on loopback, anonymous, without persistence. Never used in production, where
 * Mosquitto runs the configuration of {@code broker-config}.
 */
@Command(name = "relais-dev-broker", mixinStandardHelpOptions = true,
        description = "Runs an embedded development MQTT broker on loopback (demo fallback only).")
public final class DevBroker implements Callable<Integer> {
    @Option(names = "--port", required = true, description = "TCP port to listen on (loopback only).")
    private int port;

    @Option(names = "--data", description = "Scratch directory for the broker's files.", defaultValue = "data/dev-broker")
    private Path data;

    /** mosquitto's {@code max_packet_size} in the development and production configurations. */
    static final int MAX_PACKET_BYTES = 270_000;

    private final CountDownLatch stopped = new CountDownLatch(1);

    public static void main(String[] args) {
        System.exit(new CommandLine(new DevBroker()).execute(args));
    }

    /** Starts an embedded broker; the caller stops it. */
    public static Server start(int port, Path data) throws IOException {
        Files.createDirectories(data);
        IConfig config = new FluentConfig()
                .host("127.0.0.1")
                .port(port)
                .dataPath(data.toAbsolutePath().toString())
                .disablePersistence()
                .allowAnonymous()
                .disableTelemetry()
                .build();
        // Moquette cuts any client whose packet exceeds 8 092 bytes by default: a place's kiosk
        // content (up to 200 000 bytes) then made the demo's hub reconnect every second. The same
        // limit as mosquitto's max_packet_size in broker-config/dev/mosquitto.conf.
        config.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, String.valueOf(MAX_PACKET_BYTES));
        Server server = new Server();
        server.startServer(config);
        return server;
    }

    @Override
    public Integer call() throws Exception {
        Server server = start(port, data);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stopServer();
            stopped.countDown();
        }, "dev-broker-stop"));
        System.out.println("Embedded development broker listening on tcp://127.0.0.1:" + port);
        stopped.await();
        return 0;
    }
}
