package fr.relais.kiosk.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrenchTest {

    @Test
    void putsNonBreakingSpacesBeforeHighPunctuationAndInsideGuillemets() {
        assertThat(French.typo("Bonjour, que souhaitez-vous faire ? « Oui » : bien !"))
                .isEqualTo("Bonjour, que souhaitez-vous faire\u00a0? «\u00a0Oui\u00a0»\u00a0: bien\u00a0!");
    }
}
