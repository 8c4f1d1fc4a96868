package fr.relais.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hub.db holds password hashes: the hub's user alone reads it, its WAL files included. */
class PrivateSqliteFileTest {
    @Test
    void aNewDatabaseAndItsWalFilesAreTheOwnersAlone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/hub.db");
        assertThat(PrivateSqliteFile.of(Database.sqliteUrl(file))).isEqualTo(file.toAbsolutePath());
        PrivateSqliteFile.prepare(file);
        try (Database database = Database.open(Database.sqliteUrl(file))) {
            assertThat(mode(dir.resolve("data"))).isEqualTo("rwx------");
            for (String name : new String[] {"hub.db", "hub.db-wal", "hub.db-shm"}) {
                assertThat(mode(dir.resolve("data").resolve(name))).as(name).isEqualTo("rw-------");
            }
            assertThat(database).isNotNull();
        }
    }

    @Test
    void anEarlierDatabaseReadableByOthersIsTightenedAndItsDirectoryLeftAlone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hub.db");
        try (Database database = Database.open(Database.sqliteUrl(file))) {
            assertThat(database).isNotNull();
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateSqliteFile.prepare(file);
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(dir)).as("it may hold other things (--data .)").isEqualTo("rwxr-xr-x");
        try (Database database = Database.open(Database.sqliteUrl(file))) {
            assertThat(mode(dir.resolve("hub.db-wal"))).isEqualTo("rw-------");
        }
    }

    @Test
    void otherDatabasesAreNotFiles() {
        assertThat(PrivateSqliteFile.of("jdbc:postgresql://127.0.0.1/test")).isNull();
        assertThat(PrivateSqliteFile.of("jdbc:sqlite::memory:")).isNull();
        assertThat(PrivateSqliteFile.of("jdbc:sqlite:file:hub?mode=memory&cache=shared")).isNull();
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
