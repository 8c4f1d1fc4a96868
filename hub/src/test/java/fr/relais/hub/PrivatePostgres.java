package fr.relais.hub;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, which it may stop and restart: the machine's shared
 * server (127.0.0.1:5432) serves every other test and is never touched. Initialised with
 * {@code initdb} in a temporary folder and run by {@code pg_ctl} as the {@code postgres} OS user
 * (PostgreSQL refuses to run as root), on a free port of the loopback, trust authentication.
 */
public final class PrivatePostgres implements AutoCloseable {
    private static final String INSTALL = "install it with `sudo apt-get install postgresql` (its initdb and pg_ctl"
            + " are looked for in /usr/lib/postgresql/*/bin, run as the postgres OS user)";

    private final Path bin;
    private final Path data;
    private final int port;

    private PrivatePostgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /** Initialises and starts a new server; fails, saying how to install PostgreSQL, if it cannot. */
    public static PrivatePostgres start() throws IOException, InterruptedException {
        Path bin = binaries();
        Path data = Files.createTempDirectory("relais-private-postgres-");
        UserPrincipal postgres = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(data, postgres);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PrivatePostgres server = new PrivatePostgres(bin, data, port);
        server.asPostgres(bin.resolve("initdb").toString(), "-D", data.resolve("cluster").toString(), "-U", "postgres",
                "-A", "trust", "--no-sync", "-E", "UTF8");
        server.up();
        return server;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** Stops the server at once, as a restarting service does ({@code -m fast}: sessions are cut). */
    public void stop() throws IOException, InterruptedException {
        pgCtl("-m", "fast", "stop");
    }

    public void up() throws IOException, InterruptedException {
        pgCtl("-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + data + " -c fsync=off",
                "-l", data.resolve("server.log").toString(), "start");
    }

    public void restart() throws IOException, InterruptedException {
        stop();
        up();
    }

    /** The shell command that restarts this server, for a benchmark's {@code --restart-command}. */
    public String restartCommand() {
        return "runuser -u postgres -- " + bin.resolve("pg_ctl") + " -D " + data.resolve("cluster") + " -w -m fast"
                + " -o '-p " + port + " -c listen_addresses=127.0.0.1 -k " + data + " -c fsync=off' -l "
                + data.resolve("server.log") + " restart";
    }

    private void pgCtl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D",
                data.resolve("cluster").toString(), "-w"));
        command.addAll(List.of(arguments));
        asPostgres(command.toArray(String[]::new));
    }

    private void asPostgres(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed: " + output + "; " + INSTALL);
        }
    }

    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("no PostgreSQL server binaries: " + INSTALL);
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("no pg_ctl under " + root + ": " + INSTALL));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
