package fr.relais.agent.device.badge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BadgeHasherTest {
    private final BadgeHasher site = new BadgeHasher("rozoy-0123456789abcdef0123456789abcdef");

    @Test
    void theSameCardGivesTheSameHashWhateverTheReaderSeparatorsOrLeadingZeros() {
        assertThat(site.hash("0004213370")).isEqualTo(site.hash("4213370"));
        assertThat(site.hash("00:1a-2B")).isEqualTo(site.hash("1A2B"));
        assertThat(site.hash("4213370")).hasSize(64).matches("[0-9a-f]+").doesNotContain("4213370");
    }

    @Test
    void anotherSiteKeyGivesAnotherHash() {
        BadgeHasher other = new BadgeHasher("montcornet-0123456789abcdef0123456789ab");
        assertThat(other.hash("4213370")).isNotEqualTo(site.hash("4213370"));
    }

    @Test
    void refusesAShortKeyAndAnEmptyNumber() {
        assertThatThrownBy(() -> new BadgeHasher("short")).hasMessageContaining("at least 32");
        assertThatThrownBy(() -> site.hash(" :- ")).hasMessageContaining("empty badge number");
        assertThat(site.hash("0")).isEqualTo(site.hash("000"));
    }
}
