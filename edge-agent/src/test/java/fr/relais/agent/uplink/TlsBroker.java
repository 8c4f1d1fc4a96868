package fr.relais.agent.uplink;

import fr.relais.agent.config.TestPki;
import fr.relais.broker.MosquittoProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Mosquitto with a private CA, as a deployment runs it: a plain loopback listener for the
 * test's own watchers, a TLS listener, one that requires a client certificate, one whose
 * certificate names another host and one whose certificate has expired. The CA, a second CA the
 * broker does not know, and client certificates from both are written as PEM beside it.
 */
final class TlsBroker implements AutoCloseable {
    final Path dir;
    final Path caFile;
    final Path strangerCaFile;
    final Path clientCert;
    final Path clientKey;
    final Path strangerClientCert;
    final Path strangerClientKey;
    private final int[] ports = MosquittoProcess.freePorts(5);
    final int plainPort = ports[0];
    final int tlsPort = ports[1];
    final int clientCertPort = ports[2];
    final int wrongNamePort = ports[3];
    final int expiredPort = ports[4];
    final MosquittoProcess mosquitto;

    TlsBroker(Path dir) {
        this.dir = dir;
        TestPki ca = TestPki.authority("Relais test CA");
        caFile = ca.writeCertificate(dir.resolve("ca.crt"));
        TestPki stranger = TestPki.authority("Somebody else's CA");
        strangerCaFile = stranger.writeCertificate(dir.resolve("stranger-ca.crt"));
        TestPki.Issued server = ca.server("relais broker", "localhost", "127.0.0.1");
        server.writeCertificate(dir.resolve("server.crt"));
        server.writeKey(dir.resolve("server.key"));
        TestPki.Issued elsewhere = ca.server("relais broker elsewhere", "broker.elsewhere.example");
        elsewhere.writeCertificate(dir.resolve("elsewhere.crt"));
        elsewhere.writeKey(dir.resolve("elsewhere.key"));
        TestPki.Issued expired = ca.expiredServer("relais broker expired", "localhost", "127.0.0.1");
        expired.writeCertificate(dir.resolve("expired.crt"));
        expired.writeKey(dir.resolve("expired.key"));
        TestPki.Issued client = ca.client("rozoy-pi.1", "EC");
        clientCert = client.writeCertificate(dir.resolve("node.crt"));
        clientKey = client.writeKey(dir.resolve("node.key"));
        TestPki.Issued strangerClient = stranger.client("intruder", "EC");
        strangerClientCert = strangerClient.writeCertificate(dir.resolve("intruder.crt"));
        strangerClientKey = strangerClient.writeKey(dir.resolve("intruder.key"));
        Path conf = dir.resolve("mosquitto.conf");
        write(conf, config());
        mosquitto = MosquittoProcess.startWithConfig(conf, dir.resolve("broker"), plainPort);
    }

    private String config() {
        String rootUser = "root".equals(System.getProperty("user.name"))
                // As root, mosquitto would drop to its own user, which cannot read the test's folder.
                ? "user root\n" : "";
        return rootUser + """
                allow_anonymous true
                persistence false
                log_type error
                log_type warning
                log_type notice
                listener %d 127.0.0.1
                listener %d 127.0.0.1
                %s
                listener %d 127.0.0.1
                %s
                require_certificate true
                listener %d 127.0.0.1
                %s
                listener %d 127.0.0.1
                %s
                """.formatted(plainPort, tlsPort, tls("server"), clientCertPort, tls("server"), wrongNamePort,
                tls("elsewhere"), expiredPort, tls("expired"));
    }

    private String tls(String name) {
        return "cafile " + caFile + "\ncertfile " + dir.resolve(name + ".crt") + "\nkeyfile "
                + dir.resolve(name + ".key");
    }

    String plainUrl() {
        return "tcp://127.0.0.1:" + plainPort;
    }

    @Override
    public void close() {
        mosquitto.close();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
