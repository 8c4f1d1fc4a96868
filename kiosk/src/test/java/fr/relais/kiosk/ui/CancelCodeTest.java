package fr.relais.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a typed code is forgiven or refused, without a screen. */
class CancelCodeTest {

    @Test
    void lowerCaseSpacesDashesAndDotsAreForgiven() {
        assertThat(CancelCode.typed(" k7w-x3.p ").signs()).isEqualTo("K7WX3P");
        assertThat(CancelCode.typed("\u00a0").signs()).isEmpty();
    }

    @Test
    void theLookAlikesAreRefusedNotGuessed() {
        for (String typed : new String[] {"o", "O", "0", "i", "I", "1", "ABO"}) {
            CancelCode.Typed verdict = CancelCode.typed(typed);
            assertThat(verdict.signs()).as(typed).isNull();
            assertThat(verdict.problem()).as(typed).isEqualTo(CancelCode.LOOK_ALIKE);
        }
    }

    @Test
    void otherSignsAreRefusedWithTheirOwnSentence() {
        for (String typed : new String[] {"é", "#", "ß", "\n", "😀", "A_B"}) {
            assertThat(CancelCode.typed(typed).problem()).as(typed).isEqualTo(CancelCode.OTHER_SIGN);
        }
    }

    @Test
    void theAlphabetIsTheHubsThirtyTwoSignsWithoutLookAlikes() {
        assertThat(CancelCode.ALPHABET).hasSize(32).doesNotContain("O", "0", "I", "1");
        assertThat(CancelCode.typed(CancelCode.ALPHABET.toLowerCase(java.util.Locale.ROOT)).signs())
                .isEqualTo(CancelCode.ALPHABET);
    }

    @Test
    void anIncompleteCodeSaysHowManySignsAreMissing() {
        assertThat(CancelCode.incomplete("")).startsWith("Tapez d'abord votre code");
        assertThat(TestKiosks.plain(CancelCode.incomplete("ABCDE"))).isEqualTo("Le code a 6 signes : il en manque 1.");
        assertThat(CancelCode.incomplete("ABCDEF")).isNull();
    }
}
