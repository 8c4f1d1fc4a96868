package fr.relais.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayScalerTest {

    @Test
    void fontSizeFollowsTheSmallerSideAndStaysReadable() {
        assertThat(DisplayScaler.fontSize(1280, 800)).isEqualTo(20);
        assertThat(DisplayScaler.fontSize(1920, 1080)).isEqualTo(27);
        assertThat(DisplayScaler.fontSize(800, 480)).isEqualTo(DisplayScaler.MIN_PX);
        assertThat(DisplayScaler.fontSize(3840, 2160)).isEqualTo(DisplayScaler.MAX_PX);
    }

    @Test
    void onlySmallDisplaysAreCompact() {
        assertThat(DisplayScaler.isCompact(800, 480)).isTrue();
        assertThat(DisplayScaler.isCompact(1024, 600)).isTrue();
        assertThat(DisplayScaler.isCompact(1280, 720)).isFalse();
        assertThat(DisplayScaler.isCompact(1280, 800)).isFalse();
    }
}
