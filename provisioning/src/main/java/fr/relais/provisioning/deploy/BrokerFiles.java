package fr.relais.provisioning.deploy;

import fr.relais.provisioning.inventory.BrokerSpec;
import fr.relais.provisioning.pki.CertificateAuthority;
import fr.relais.provisioning.pki.IssuedCertificate;
import fr.relais.provisioning.render.GeneratedFile;
import fr.relais.provisioning.render.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The central broker's folder: mosquitto.conf from the template of broker-config, passwd, ACL,
 * the CA and server certificate, a persistence folder, and its systemd unit. Paths inside the
 * configuration are where the folder will live on the broker machine ({@code --broker-dir}),
 * by default where it is written.
 */
final class BrokerFiles {
    static final String CONFIG = "mosquitto.conf";
    static final String PASSWD = "passwd";
    static final String ACL = "acl";
    static final String CA = "ca.crt";
    static final String DATA = "data";
    static final String CRL = "crl.pem";

    private final Path dir;
    private final Path installedAt;
    private final ServiceAccounts accounts;
    private boolean configChanged;

    BrokerFiles(Path dir, Path installedAt, ServiceAccounts accounts) {
        this.dir = dir;
        this.installedAt = installedAt;
        this.accounts = accounts;
    }

    /** Whether the last write changed an existing mosquitto.conf (a restart, not a reload, applies it). */
    boolean configChanged() {
        return configChanged;
    }

    /** Writes everything; returns what the operator should know (ownership it could not set). */
    /**
     * @param revokedCertificates the client certificates to refuse, when some node authenticates
     *                            by certificate (the certificate listener is there only then)
     */
    List<String> write(BrokerSpec spec, CertificateAuthority ca, String passwd, String acl,
                       Optional<java.util.Set<java.math.BigInteger>> revokedCertificates) throws IOException {
        List<String> notes = new ArrayList<>();
        Files.createDirectories(dir.resolve(DATA));
        IssuedCertificate server = ca.serverCertificate(dir, "server", spec.certificateNames());
        GeneratedFile.write(dir.resolve(CA), Files.readAllBytes(ca.certificateFile()), "rw-r--r--");
        GeneratedFile.write(dir.resolve(PASSWD), passwd.getBytes(StandardCharsets.UTF_8), "rw-r-----");
        GeneratedFile.write(dir.resolve(ACL), acl.getBytes(StandardCharsets.UTF_8), "rw-r-----");
        FilePermissions.set(server.keyFile(), "rw-r-----");
        String home = installedAt.toString();
        String certificateListener = "";
        if (revokedCertificates.isPresent()) {
            ca.revocationList(dir.resolve(CRL), revokedCertificates.get());
            FilePermissions.set(dir.resolve(CRL), "rw-r--r--");
            certificateListener = Template.resource("broker/client-certificate-listener.conf.template").fill(Map.of(
                    "cert_port", Integer.toString(spec.certificatePort()),
                    "ca_file", home + "/" + CA,
                    "cert_file", home + "/server.crt",
                    "key_file", home + "/server.key",
                    "crl_file", home + "/" + CRL));
        } else {
            Files.deleteIfExists(dir.resolve(CRL));
        }
        String config = Template.resource("broker/central.conf.template").fill(Map.of(
                "tls_port", Integer.toString(spec.tlsPort()),
                "local_port", Integer.toString(spec.localPort()),
                "ca_file", home + "/" + CA,
                "cert_file", home + "/server.crt",
                "key_file", home + "/server.key",
                "password_file", home + "/" + PASSWD,
                "acl_file", home + "/" + ACL,
                "persistence_dir", home + "/" + DATA + "/",
                "client_certificate_listener", certificateListener));
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        Path configFile = dir.resolve(CONFIG);
        configChanged = Files.exists(configFile) && !java.util.Arrays.equals(Files.readAllBytes(configFile), configBytes);
        GeneratedFile.write(configFile, configBytes, "rw-r--r--");
        String unit = Template.resource("units/relais-broker.service.template").fill(Map.of("broker_dir", home));
        GeneratedFile.write(dir.resolve("relais-broker.service"), unit.getBytes(StandardCharsets.UTF_8), "rw-r--r--");
        // Mosquitto reads these as its own user: group mosquitto, where this machine has it.
        for (Path secret : List.of(dir.resolve(PASSWD), dir.resolve(ACL), server.keyFile())) {
            accounts.groupReadable(secret).ifPresent(notes::add);
        }
        accounts.ownedByBroker(dir.resolve(DATA)).ifPresent(notes::add);
        return notes;
    }
}
