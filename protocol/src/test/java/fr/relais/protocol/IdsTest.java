package fr.relais.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ids are checked by hand for speed: exactly the contract's pattern, no more, no less. */
class IdsTest {
    private static final Pattern CONTRACT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "a-b", "rozoy-pi", "9-", "a--b", "_hub", "-a", "A", "a_b", "a/b", "a+b", "a#",
            "a b", "é", "rozoy-Pi", "", " a", "a\n"})
    void agreesWithTheContractsPattern(String id) {
        assertThat(Ids.isValid(id)).as(id).isEqualTo(CONTRACT.matcher(id).matches());
    }

    @Test
    void acceptsSixtyThreeCharactersAndNoMore() {
        assertThat(Ids.isValid("a".repeat(63))).isTrue();
        assertThat(Ids.isValid("a".repeat(64))).isFalse();
        assertThat(Ids.isValid(null)).isFalse();
        assertThat(Ids.problem("a".repeat(64))).contains("at most 63");
    }
}
