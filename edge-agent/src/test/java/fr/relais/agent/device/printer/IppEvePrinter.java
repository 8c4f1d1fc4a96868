package fr.relais.agent.device.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CUPS's {@code ippeveprinter} (Debian {@code cups-ipp-utils}) as a real IPP printer on a free
 * loopback port, for tests: its consumables and paper trays are set through the web forms it
 * serves ({@code /supplies}, {@code /media}), as a person would click them. It is started with
 * {@code -r off}: the agent is given the printer's address, so nothing needs it announced over DNS-SD,
 * and an announcing ippeveprinter aborts (exit 134, "Ignored Avahi state 101") whenever the Avahi
 * daemon is not on the bus, as a clean-clone CI run met. It still opens an Avahi client, which needs
 * D-Bus's system bus: that is started when it does not answer. A missing program fails the test with
 * the package that brings it.
 */
public final class IppEvePrinter implements AutoCloseable {
    public static final String INSTALL = "apt-get install cups-ipp-utils dbus-daemon";
    private static final Path DBUS_SOCKET = Path.of("/run/dbus/system_bus_socket");
    private static final List<Path> SEARCH = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"),
            Path.of("/bin"));

    private final Path dir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private IppEvePrinter(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a printer whose spool and log live in {@code dir}. */
    public static IppEvePrinter start(Path dir) throws IOException, InterruptedException {
        IppEvePrinter printer = new IppEvePrinter(dir, freePort());
        printer.restart();
        return printer;
    }

    /** Its IPP address, as a technician writes it in {@code agent.yaml}. */
    public URI uri() {
        return URI.create("ipp://127.0.0.1:" + port + "/ipp/print");
    }

    public int port() {
        return port;
    }

    /** Sets the waste toner tank's and the black toner's levels, in percent (its /supplies form). */
    public void supplies(int wasteTonerPercent, int blackTonerPercent) throws IOException, InterruptedException {
        form("/supplies?supply0=" + wasteTonerPercent + "&supply1=" + blackTonerPercent);
    }

    /**
     * Sets the sheets in the main tray (0 is empty, 5 is low, 250 is full), the envelope tray left as
     * it starts (its /media form: every tray must be given or it is removed).
     */
    public void mainTray(int sheets) throws IOException, InterruptedException {
        form("/media?size1=iso_a4_210x297mm&type1=stationery&level1=" + sheets
                + "&size3=na_number-10_4.125x9.5in&type3=envelope&level3=-2");
    }

    /** Documents it received, as files in its spool folder (kept with -k). */
    public List<Path> spooled() throws IOException {
        try (var files = Files.list(spool())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** SIGKILL: the printer is gone, as when it is switched off at the wall. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts it (again) on the same port, with fresh supplies and trays. */
    public void restart() throws IOException, InterruptedException {
        kill();
        Path program = program("ippeveprinter", "cups-ipp-utils");
        ensureDaemons();
        Files.createDirectories(spool());
        Path log = dir.resolve("ippeveprinter.log");
        process = new ProcessBuilder(program.toString(), "-p", Integer.toString(port), "-d", spool().toString(), "-k",
                "-f", "text/plain,application/pdf,image/pwg-raster", "-n", "localhost", "-r", "off", "-v", "Relais-Test-" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    fail("ippeveprinter stopped at start (exit " + process.exitValue() + "): "
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                return accepts(port);
            });
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private Path spool() {
        return dir.resolve("spool");
    }

    private void form(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + pathAndQuery)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("ippeveprinter's form " + pathAndQuery).isEqualTo(200);
    }

    /** D-Bus's system bus, started as the Debian service would be. */
    private static synchronized void ensureDaemons() throws IOException {
        if (!busAnswers()) {
            Path daemon = program("dbus-daemon", "dbus");
            Files.createDirectories(DBUS_SOCKET.getParent());
            // A pid file left by a bus that died (a container restarted) stops a new one from starting.
            Files.deleteIfExists(DBUS_SOCKET.getParent().resolve("pid"));
            run(daemon.toString(), "--system", "--fork");
            await().atMost(Duration.ofSeconds(10)).until(IppEvePrinter::busAnswers);
        }
    }

    private static boolean busAnswers() {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(DBUS_SOCKET))) {
            return channel.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String... command) throws IOException {
        int exit = exitOf(command);
        assertThat(exit).as(String.join(" ", command) + " (needs root, as ./relais test runs)").isZero();
    }

    private static int exitOf(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Path program(String name, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String folder : path.split(":")) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, name))) {
                return Path.of(folder, name);
            }
        }
        for (Path folder : SEARCH) {
            if (Files.isExecutable(folder.resolve(name))) {
                return folder.resolve(name);
            }
        }
        return fail(name + " is not installed (package " + debianPackage + "): " + INSTALL);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
