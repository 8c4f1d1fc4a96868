package fr.relais.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code mosquitto} process running the project's development configuration on a
 * loopback port of its own. Tests and benchmarks start one each, so they never depend on a
 * broker somebody left running; it can be stopped, killed and restarted on the same port to
 * play a broker outage.
 */
public final class MosquittoProcess implements AutoCloseable {
    /** Where Debian installs the broker; {@code /usr/sbin} is not on a normal user's PATH. */
    private static final List<Path> KNOWN_LOCATIONS = List.of(Path.of("/usr/sbin/mosquitto"),
            Path.of("/usr/local/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Path binary;
    private final Path workDir;
    private final int port;
    private final boolean persistent;
    private final Path log;
    private final Path config;
    private Process process;
    /** Where this start's lines begin in the log, which restarts append to. */
    private int logStart;

    private MosquittoProcess(Path binary, Path workDir, int port, boolean persistent, Path config) {
        this.binary = binary;
        this.workDir = workDir;
        this.port = port;
        this.persistent = persistent;
        this.log = workDir.resolve("mosquitto.log");
        this.config = config;
    }

    /** Starts a broker with the development configuration on a free loopback port. */
    public static MosquittoProcess start(Path workDir) {
        return start(workDir, freePort());
    }

    /** Starts a broker on a given port, where clients already expect it (a broker coming back). */
    public static MosquittoProcess start(Path workDir, int port) {
        return start(workDir, port, false);
    }

    /**
     * Starts a broker that keeps its sessions and queued messages in {@code workDir} across a
     * polite restart, as a production broker does: what it acknowledged to a node and has not yet
     * delivered to the hub survives {@link #restart()} (not {@link #kill()}).
     */
    public static MosquittoProcess startPersistent(Path workDir, int port) {
        return start(workDir, port, true);
    }

    private static MosquittoProcess start(Path workDir, int port, boolean persistent) {
        MosquittoProcess broker = new MosquittoProcess(requireBinary(), workDir, port, persistent,
                workDir.resolve("mosquitto.conf"));
        broker.writeConfig();
        broker.startProcess();
        return broker;
    }

    /**
     * Starts a broker on a configuration written elsewhere (a rendered production one, say), as
     * {@code mosquitto -c configFile}, and waits until {@code port}, one of its listeners on
     * 127.0.0.1, accepts connections. Its output goes to {@code workDir/mosquitto.log}.
     */
    public static MosquittoProcess startWithConfig(Path configFile, Path workDir, int port) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MosquittoProcess broker = new MosquittoProcess(requireBinary(), workDir, port, false,
                configFile.toAbsolutePath());
        broker.startProcess();
        return broker;
    }

    private static Path requireBinary() {
        return findBinary().orElseThrow(() -> new IllegalStateException(
                "The mosquitto broker is not installed. Install it with `sudo apt-get install mosquitto`"
                        + " (or run `./relais test` as root, which installs it)."));
    }

    /** The running broker's process id, for a reload by signal. */
    public long pid() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("mosquitto is not running");
        }
        return process.pid();
    }

    /**
     * SIGHUP, as {@code systemctl reload} sends: mosquitto reads its password and ACL files again.
     * Returns once the signal is sent; the broker applies it on its next loop turn.
     */
    public void reload() {
        try {
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -HUP " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot signal mosquitto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling mosquitto", e);
        }
    }

    public static Optional<Path> findBinary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "mosquitto");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return KNOWN_LOCATIONS.stream().filter(Files::isExecutable).findFirst();
    }

    /** The development configuration with its listener moved to {@code port}. */
    public static String developmentConfig(int port) {
        try (InputStream in = MosquittoProcess.class.getResourceAsStream("dev/mosquitto.conf")) {
            if (in == null) {
                throw new IllegalStateException("dev/mosquitto.conf is missing from the classpath");
            }
            String config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String moved = config.replaceFirst("(?m)^listener 1883 127\\.0\\.0\\.1$", "listener " + port + " 127.0.0.1");
            if (moved.equals(config)) {
                throw new IllegalStateException("dev/mosquitto.conf has no 'listener 1883 127.0.0.1' line to move");
            }
            return moved;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Several distinct free ports. Asking {@link #freePort()} several times in a row may hand out the
     * same port twice (the kernel reuses a port closed a moment ago), so every socket stays open until
     * all are chosen.
     */
    public static int[] freePorts(int count) {
        java.util.List<ServerSocket> sockets = new java.util.ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a listening socket that accepted nothing cannot lose anything.
                }
            }
        }
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:port}, as Paho wants it. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the broker politely (SIGTERM), as a service manager would. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    /** Kills the broker without warning (SIGKILL), as a power cut would. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** Starts the broker again on the same port, after {@link #stop()} or {@link #kill()}. */
    public void restart() {
        stop();
        startProcess();
    }

    /** What the broker printed, to explain a failure. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void writeConfig() {
        try {
            Files.createDirectories(workDir);
            String config = developmentConfig(port);
            if (persistent) {
                config = config.replaceFirst("(?m)^persistence false$", "persistence true\npersistence_location "
                        + workDir.toAbsolutePath() + "/");
                if ("root".equals(System.getProperty("user.name"))) {
                    // Started as root, mosquitto would drop to its own user, which cannot write into
                    // a test's private temporary folder. This harness stays on loopback.
                    config += "\nuser root\n";
                }
            }
            Files.writeString(workDir.resolve("mosquitto.conf"), config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startProcess() {
        logStart = log().length();
        try {
            process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "mosquitto-reaper"));
        awaitListening();
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Instant listening = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with status " + process.exitValue()
                        + " on port " + port + ":\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                // Mosquitto opens a plain listener before it loads the TLS keys of the next one:
                // its "running" line says that every listener is up and it will stay. A
                // configuration that does not log notices says nothing: alive a second later will do.
                if (listening == null) {
                    listening = Instant.now();
                }
                if (log().substring(Math.min(logStart, log().length())).contains(" running")
                        || Instant.now().isAfter(listening.plusSeconds(1))) {
                    return;
                }
                pause();
            } catch (IOException notYet) {
                pause();
            }
        }
        kill();
        throw new IllegalStateException("mosquitto did not listen on port " + port + " within " + START_TIMEOUT
                + ":\n" + log());
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for mosquitto", e);
        }
    }
}
