package fr.relais.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checkout and its built jars are; the tests run after every module's package phase. */
final class Repository {
    private Repository() {
    }

    static Path root() {
        String root = System.getProperty("relais.root");
        assertThat(root).as("system property relais.root (set by the system-tests POM)").isNotNull();
        return Path.of(root).toAbsolutePath().normalize();
    }

    static Path jar(String module, String name) {
        Path jar = root().resolve(module).resolve("target").resolve(name);
        assertThat(Files.isRegularFile(jar)).as(jar + " exists (run the build with `mvn verify`, which packages"
                + " every module before the system tests)").isTrue();
        return jar;
    }

    static Path javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
