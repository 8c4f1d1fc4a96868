package fr.relais.hub.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the hub authenticates. {@link #toString()} never shows the password.
 *
 * @param adminPassword   the password of the {@code admin} account created at first start, when
 *                        the hub has no account yet; empty: one is generated and printed once
 * @param adminTokenFile  if set and missing, a bearer token of {@code admin} is written there
 *                        (mode 600) at start, for scripts and the demo
 * @param secureCookies   sets {@code Secure} on the session cookie even over plain HTTP, for a hub
 *                        behind a TLS-terminating proxy (it is always set when the hub serves TLS)
 * @param sessionIdle     a session unused for this long ends
 * @param sessionLifetime a session ends this long after login, however used
 */
public record AuthSettings(Optional<String> adminPassword, Optional<Path> adminTokenFile, boolean secureCookies,
                           Duration sessionIdle, Duration sessionLifetime) {
    public static final Duration DEFAULT_SESSION_IDLE = Duration.ofHours(2);
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(12);
    /** A generated admin password, no token file, cookies without {@code Secure} over plain HTTP. */
    public static final AuthSettings DEFAULTS = new AuthSettings(Optional.empty(), Optional.empty(), false,
            DEFAULT_SESSION_IDLE, DEFAULT_SESSION_LIFETIME);

    public AuthSettings {
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(adminTokenFile, "adminTokenFile");
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        Objects.requireNonNull(sessionLifetime, "sessionLifetime");
        adminPassword.map(Passwords::problem).ifPresent(problem -> {
            throw new IllegalArgumentException("the admin password is refused: " + problem);
        });
        if (sessionIdle.isNegative() || sessionIdle.isZero() || sessionLifetime.compareTo(sessionIdle) < 0) {
            throw new IllegalArgumentException("sessions need a positive idle time no longer than their lifetime");
        }
    }

    /** The defaults with this admin password: what tests and embedded hubs use. */
    public static AuthSettings withAdminPassword(String password) {
        return new AuthSettings(Optional.of(password), Optional.empty(), false, DEFAULT_SESSION_IDLE,
                DEFAULT_SESSION_LIFETIME);
    }

    public AuthSettings withAdminTokenFile(Path file) {
        return new AuthSettings(adminPassword, Optional.of(file), secureCookies, sessionIdle, sessionLifetime);
    }

    public AuthSettings withSecureCookies(boolean secure) {
        return new AuthSettings(adminPassword, adminTokenFile, secure, sessionIdle, sessionLifetime);
    }

    public AuthSettings withSessions(Duration idle, Duration lifetime) {
        return new AuthSettings(adminPassword, adminTokenFile, secureCookies, idle, lifetime);
    }

    /** Never shows the admin password: a configuration may end up in a log. */
    @Override
    public String toString() {
        return "AuthSettings[adminPassword=" + (adminPassword.isPresent() ? "****" : "generated")
                + ", adminTokenFile=" + adminTokenFile.map(Path::toString).orElse("none")
                + ", secureCookies=" + secureCookies + ", sessionIdle=" + sessionIdle
                + ", sessionLifetime=" + sessionLifetime + "]";
    }
}
