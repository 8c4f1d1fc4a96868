package fr.relais.provisioning.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratedPasswordsTest {

    @Test
    void isThirtyTwoLettersAndDigits() {
        for (int i = 0; i < 200; i++) {
            assertThat(GeneratedPasswords.generate()).hasSize(32).matches("[A-Za-z0-9]{32}");
        }
    }

    @Test
    void isNewEveryTime() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(GeneratedPasswords.generate());
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void usesTheWholeAlphabet() {
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            for (char c : GeneratedPasswords.generate().toCharArray()) {
                used.add(c);
            }
        }
        assertThat(used).hasSize(62);
    }

    @Test
    void isAcceptedByTheHash() {
        String password = GeneratedPasswords.generate();
        String hash = MosquittoPasswords.hash(password, MosquittoPasswords.newSalt());
        assertThat(MosquittoPasswords.verify(password, hash)).isTrue();
    }
}
