package fr.relais.provisioning.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Inputs and archive reading shared by the bundle tests. */
final class Bundles {
    static final byte[] AGENT_YAML = """
            node: rozoy-pi
            site: {id: rozoy}
            mqtt:
              url: ssl://hub.relais.example:8883
              username: rozoy-pi
              password: "s3cret"
            tls: {caFile: /etc/relais/ca.crt}
            storage: {file: /var/lib/relais/agent.db}
            """.getBytes(StandardCharsets.UTF_8);
    static final byte[] CA = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n"
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] CLIENT_CRT = "-----BEGIN CERTIFICATE-----\nNODE\n-----END CERTIFICATE-----\n"
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] CLIENT_KEY = "-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n"
            .getBytes(StandardCharsets.UTF_8);

    private Bundles() {
    }

    static BundleInput withKiosk() {
        return new BundleInput("rozoy-pi", "rozoy", true, AGENT_YAML, CA, Optional.of(CLIENT_CRT),
                Optional.of(CLIENT_KEY));
    }

    /** The van: no kiosk configuration of its own here, a site broker bridged to the central one. */
    static BundleInput withSiteBroker() {
        return new BundleInput("spi-pi", "spi", false, AGENT_YAML, CA, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("listener 1884 127.0.0.1\n".getBytes(StandardCharsets.UTF_8)));
    }

    static BundleInput agentOnly() {
        return new BundleInput("spi-pi", "spi", false, AGENT_YAML, CA, Optional.empty(), Optional.empty());
    }

    /** One archive entry as read back: name, mode bits, owner ids and content. */
    record Entry(String name, int mode, long uid, long gid, long mtimeMillis, boolean directory, byte[] content) {
    }

    /** The archive's entries in their order. */
    static Map<String, Entry> read(Path archive) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (InputStream file = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(entry.getName(), new Entry(entry.getName(), entry.getMode() & 07777, entry.getLongUserId(),
                        entry.getLongGroupId(), entry.getModTime().getTime(), entry.isDirectory(), tar.readAllBytes()));
            }
        }
        return entries;
    }

    /** Extracts with the system's tar, as a technician would; fails on any tar warning. */
    static Path extract(Path archive, Path into) throws IOException, InterruptedException {
        Files.createDirectories(into);
        ProcessResult result = ProcessResult.run(into, Map.of(), "tar", "-xzf", archive.toString());
        if (result.exitCode() != 0 || !result.output().isBlank()) {
            throw new AssertionError("tar -xzf " + archive + " said: " + result);
        }
        return into;
    }
}
