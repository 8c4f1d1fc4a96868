package fr.relais.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the hub assumes when not told: Secure cookies beyond loopback, short-lived admin token files. */
class AuthSettingsTest {
    @Test
    void cookiesAreSecureUnlessTheHubListensOnLoopbackOnly() {
        for (String loopback : new String[] {"127.0.0.1", "127.0.1.1", "localhost", "::1", "[::1]", "0:0:0:0:0:0:0:1"}) {
            assertThat(AuthSettings.secureCookiesByDefault(loopback)).as(loopback).isFalse();
        }
        for (String beyond : new String[] {"0.0.0.0", "::", "192.168.1.10", "hub.example.org", "fd00::1"}) {
            assertThat(AuthSettings.secureCookiesByDefault(beyond)).as(beyond).isTrue();
        }
    }

    @Test
    void theAdminTokenFilesTokenLivesAWeekUnlessToldAndNeverForever() {
        assertThat(AuthSettings.DEFAULTS.adminTokenLifetime()).isEqualTo(Duration.ofDays(7));
        assertThatIllegalArgumentException().isThrownBy(() -> AuthSettings.DEFAULTS.withAdminTokenLifetime(
                Duration.ofDays(TokenRoutes.MAX_EXPIRY_DAYS + 1))).withMessageContaining("between a minute and 3650 days");
        assertThat(AuthSettings.DEFAULTS.toString()).contains("trustedProxies=none");
    }
}
