package fr.relais.provisioning.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MosquittoPasswordsTest {
    /** Written by mosquitto_passwd 2.0.11 (`mosquitto_passwd -b -c FILE user pass`). */
    private static final String FROM_MOSQUITTO_PASSWD_2_0 =
            "$7$101$xS5s8U9SiNoaah7S$cVdh+BoaIdDnub//0H260zK5KbRzCGGcFsN8Of5VCkIQAvubxrBAe08EZG8pfkdmIPDTzfcZGS1Cok6osjLiUg==";
    /** Written by mosquitto_passwd 1.x (`-U` on "lxy:123"), the $6$ form Mosquitto 2.0 still reads. */
    private static final String FROM_MOSQUITTO_PASSWD_1_X =
            "$6$SPFacwqt9GCeQgIc$j8QVIonW3QPlcWwkbEBnTt7pDyyD6bPG2Vc0Qw9lx8rQenou0wrqQ+o9EiEZhZx3OhEuyaWzqD4hBU3Mgme3EA==";

    @TempDir
    Path dir;

    @Test
    void saltIsTwelveFreshBytes() {
        assertThat(MosquittoPasswords.newSalt()).hasSize(12);
        assertThat(MosquittoPasswords.newSalt()).isNotEqualTo(MosquittoPasswords.newSalt());
    }

    @Test
    void sameSaltAndPasswordGiveTheSameHash() {
        byte[] salt = MosquittoPasswords.newSalt();
        assertThat(MosquittoPasswords.hash("s3cret", salt)).isEqualTo(MosquittoPasswords.hash("s3cret", salt.clone()));
        assertThat(MosquittoPasswords.hash("s3cret", salt))
                .isNotEqualTo(MosquittoPasswords.hash("s3cret", MosquittoPasswords.newSalt()));
    }

    @Test
    void writesExactlyWhatMosquittoPasswdWrites() {
        byte[] salt = Base64.getDecoder().decode("xS5s8U9SiNoaah7S");
        assertThat(MosquittoPasswords.hash("pass", salt)).isEqualTo(FROM_MOSQUITTO_PASSWD_2_0);
    }

    @Test
    void hasTheShapeMosquittoReads() {
        String hash = MosquittoPasswords.hash("pass", MosquittoPasswords.newSalt());
        // 12 bytes of salt: 16 base64 characters, no padding; 64 bytes of hash: 88 with "==".
        assertThat(hash).matches("\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = MosquittoPasswords.hash("s3cret", MosquittoPasswords.newSalt());
        assertThat(MosquittoPasswords.verify("s3cret", hash)).isTrue();
        assertThat(MosquittoPasswords.verify("s3cret ", hash)).isFalse();
        assertThat(MosquittoPasswords.verify("S3cret", hash)).isFalse();
        assertThat(MosquittoPasswords.verify("", hash)).isFalse();
    }

    @Test
    void verifiesNonAsciiPasswordsAsUtf8LikeTheBroker() throws Exception {
        String hash = passwdFileEntry("user", "mot-de-passe-été");
        assertThat(MosquittoPasswords.verify("mot-de-passe-été", hash)).isTrue();
        assertThat(MosquittoPasswords.hash("mot-de-passe-été", salt(hash))).isEqualTo(hash);
    }

    @Test
    void verifiesWhatTheRealMosquittoPasswdWrote() throws Exception {
        for (String password : List.of("pass", GeneratedPasswords.generate(), "with space and $ and :")) {
            String hash = passwdFileEntry("node-1", password);
            assertThat(MosquittoPasswords.verify(password, hash)).as(hash).isTrue();
            assertThat(MosquittoPasswords.verify(password + "x", hash)).isFalse();
            assertThat(MosquittoPasswords.verify("wrong", hash)).isFalse();
            // And we compute the very same text from its salt.
            assertThat(MosquittoPasswords.hash(password, salt(hash))).isEqualTo(hash);
        }
    }

    @Test
    void verifiesTheOlderSha512Form() {
        assertThat(MosquittoPasswords.verify("123", FROM_MOSQUITTO_PASSWD_1_X)).isTrue();
        assertThat(MosquittoPasswords.verify("124", FROM_MOSQUITTO_PASSWD_1_X)).isFalse();
    }

    @Test
    void acceptsOtherIterationCounts() {
        // Same password and salt as FROM_MOSQUITTO_PASSWD_2_0: only the count differs, so no match.
        String tenIterations = FROM_MOSQUITTO_PASSWD_2_0.replace("$7$101$", "$7$10$");
        assertThat(MosquittoPasswords.verify("pass", tenIterations)).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                          | empty",
        "plaintext                                   | should start with $7$ (PBKDF2-SHA512) or $6$",
        "$5$abc$def                                  | should start with $7$",
        "$7$101$xS5s8U9SiNoaah7S                     | wrong number of '$' fields",
        "$7$abc$xS5s8U9SiNoaah7S$AAAA                | iteration count of a $7$ Mosquitto password hash is not a number",
        "$7$0$xS5s8U9SiNoaah7S$AAAA                  | iteration count of a $7$ Mosquitto password hash must be between 1",
        "$7$101$$AAAA                                | salt of the Mosquitto password hash is empty",
        "$7$101$not*base64!!$AAAA                    | salt of the Mosquitto password hash is not valid base64",
        "$7$101$AAAAAAAAAAAAAAAAAAAAAA==$AAAA        | salt of a Mosquitto password hash must be 12 bytes",
        "$7$101$xS5s8U9SiNoaah7S$AAAA                | hash part of a Mosquitto password hash must be 64 bytes",
        "$6$xS5s8U9SiNoaah7S$                        | hash of the Mosquitto password hash is empty",
    })
    void refusesGarbageSayingWhatIsWrong(String encoded, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> MosquittoPasswords.verify("pass", encoded))
                .withMessageContaining(message);
    }

    @Test
    void refusesNullsAndUnusablePasswords() {
        assertThatIllegalArgumentException().isThrownBy(() -> MosquittoPasswords.verify("pass", null))
                .withMessageContaining("empty");
        assertThatIllegalArgumentException().isThrownBy(() -> MosquittoPasswords.verify(null, FROM_MOSQUITTO_PASSWD_2_0))
                .withMessageContaining("No password");
        assertThatIllegalArgumentException().isThrownBy(() -> MosquittoPasswords.hash("", MosquittoPasswords.newSalt()))
                .withMessageContaining("empty password");
        assertThatIllegalArgumentException().isThrownBy(() -> MosquittoPasswords.hash("a\0b", MosquittoPasswords.newSalt()))
                .withMessageContaining("NUL");
        assertThatIllegalArgumentException().isThrownBy(() -> MosquittoPasswords.hash("pass", new byte[16]))
                .withMessageContaining("12 bytes, not 16");
        assertThatIllegalArgumentException().isThrownBy(() -> MosquittoPasswords.hash("pass", null))
                .withMessageContaining("12 bytes, not null");
    }

    /** What `mosquitto_passwd -b -c` writes after "user:" for this password. */
    private String passwdFileEntry(String user, String password) throws IOException, InterruptedException {
        Path file = dir.resolve("passwd-" + System.nanoTime());
        Process process = new ProcessBuilder(mosquittoPasswd().toString(), "-b", "-c", file.toString(), user, password)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("mosquitto_passwd failed: " + output);
        }
        String line = Files.readString(file, StandardCharsets.UTF_8).strip();
        assertThat(line).startsWith(user + ":");
        return line.substring(user.length() + 1);
    }

    private static byte[] salt(String hash) {
        return Base64.getDecoder().decode(hash.split("\\$")[3]);
    }

    static Path mosquittoPasswd() {
        for (String candidate : List.of("/usr/bin/mosquitto_passwd", "/usr/local/bin/mosquitto_passwd")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return fail("mosquitto_passwd is not installed; it comes with the broker: `sudo apt-get install mosquitto`");
    }
}
