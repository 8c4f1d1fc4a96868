package fr.relais.provisioning.deploy;

import java.nio.file.Path;

/**
 * Where everything of a deployment folder lives. {@code secrets/} never leaves the technician's
 * machine; {@code broker/} and {@code hub/} go to the central machine, {@code nodes/<id>/} to
 * each Pi.
 */
public record DeploymentLayout(Path root) {
    public DeploymentLayout {
        root = root.toAbsolutePath().normalize();
    }

    public Path secrets() {
        return root.resolve("secrets");
    }

    public Path credentials() {
        return secrets().resolve("credentials.json");
    }

    public Path certificateAuthority() {
        return secrets().resolve("ca");
    }

    public Path broker() {
        return root.resolve("broker");
    }

    public Path hub() {
        return root.resolve("hub");
    }

    public Path nodes() {
        return root.resolve("nodes");
    }

    public Path node(String id) {
        return nodes().resolve(id);
    }
}
