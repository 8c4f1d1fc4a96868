package fr.relais.hub.auth;

import io.netty.util.NetUtil;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the hub authenticates. {@link #toString()} never shows the password.
 *
 * @param adminPassword      the password of the {@code admin} account created at first start, when
 *                           the hub has no account yet; empty: one is generated and printed once
 * @param adminTokenFile     if set, a bearer token of {@code admin} is written there (mode 600) at
 *                           each start, replacing (and revoking) the one it held, for scripts and the demo
 * @param adminTokenLifetime how long the token of {@code adminTokenFile} is valid
 * @param secureCookies      sets {@code Secure} on the session cookie even over plain HTTP, for a hub
 *                           behind a TLS-terminating proxy (it is always set when the hub serves TLS)
 * @param sessionIdle        a session unused for this long ends
 * @param sessionLifetime    a session ends this long after login, however used
 * @param trustedProxies     the proxies whose {@code X-Forwarded-For} names the client
 */
public record AuthSettings(Optional<String> adminPassword, Optional<Path> adminTokenFile, Duration adminTokenLifetime,
                           boolean secureCookies, Duration sessionIdle, Duration sessionLifetime,
                           TrustedProxies trustedProxies) {
    public static final Duration DEFAULT_SESSION_IDLE = Duration.ofHours(2);
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(12);
    /** Short: the file is written anew at every start, so only a hub left running that long needs a restart. */
    public static final Duration DEFAULT_ADMIN_TOKEN_LIFETIME = Duration.ofDays(7);
    /** A generated admin password, no token file, cookies without {@code Secure} over plain HTTP, no proxy. */
    public static final AuthSettings DEFAULTS = new AuthSettings(Optional.empty(), Optional.empty(),
            DEFAULT_ADMIN_TOKEN_LIFETIME, false, DEFAULT_SESSION_IDLE, DEFAULT_SESSION_LIFETIME, TrustedProxies.NONE);

    public AuthSettings {
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(adminTokenFile, "adminTokenFile");
        Objects.requireNonNull(adminTokenLifetime, "adminTokenLifetime");
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        Objects.requireNonNull(sessionLifetime, "sessionLifetime");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        adminPassword.map(Passwords::problem).ifPresent(problem -> {
            throw new IllegalArgumentException("the admin password is refused: " + problem);
        });
        if (sessionIdle.isNegative() || sessionIdle.isZero() || sessionLifetime.compareTo(sessionIdle) < 0) {
            throw new IllegalArgumentException("sessions need a positive idle time no longer than their lifetime");
        }
        if (adminTokenLifetime.compareTo(Duration.ofMinutes(1)) < 0
                || adminTokenLifetime.compareTo(Duration.ofDays(TokenRoutes.MAX_EXPIRY_DAYS)) > 0) {
            throw new IllegalArgumentException("the admin token's lifetime must be between a minute and "
                    + TokenRoutes.MAX_EXPIRY_DAYS + " days, got " + adminTokenLifetime);
        }
    }

    /** The defaults with this admin password: what tests and embedded hubs use. */
    public static AuthSettings withAdminPassword(String password) {
        return new AuthSettings(Optional.of(password), Optional.empty(), DEFAULT_ADMIN_TOKEN_LIFETIME, false,
                DEFAULT_SESSION_IDLE, DEFAULT_SESSION_LIFETIME, TrustedProxies.NONE);
    }

    public AuthSettings withAdminTokenFile(Path file) {
        return new AuthSettings(adminPassword, Optional.of(file), adminTokenLifetime, secureCookies, sessionIdle,
                sessionLifetime, trustedProxies);
    }

    public AuthSettings withAdminTokenLifetime(Duration lifetime) {
        return new AuthSettings(adminPassword, adminTokenFile, lifetime, secureCookies, sessionIdle, sessionLifetime,
                trustedProxies);
    }

    public AuthSettings withSecureCookies(boolean secure) {
        return new AuthSettings(adminPassword, adminTokenFile, adminTokenLifetime, secure, sessionIdle, sessionLifetime,
                trustedProxies);
    }

    public AuthSettings withSessions(Duration idle, Duration lifetime) {
        return new AuthSettings(adminPassword, adminTokenFile, adminTokenLifetime, secureCookies, idle, lifetime,
                trustedProxies);
    }

    public AuthSettings withTrustedProxies(TrustedProxies proxies) {
        return new AuthSettings(adminPassword, adminTokenFile, adminTokenLifetime, secureCookies, sessionIdle,
                sessionLifetime, proxies);
    }

    /**
     * Whether cookies are {@code Secure} when not told: yes unless the hub listens on loopback only.
     * Beyond loopback the hub is meant to be reached through TLS; a cookie without {@code Secure}
     * would also travel over any plain-HTTP request a browser is tricked into making.
     */
    public static boolean secureCookiesByDefault(String httpHost) {
        String host = httpHost.trim();
        if (host.equalsIgnoreCase("localhost")) {
            return false;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] address = NetUtil.createByteArrayFromIpAddressString(literal);
        if (address == null) {
            return true; // a host name: whatever it resolves to, it is not known to be loopback only
        }
        if (address.length == 4) {
            return address[0] != 127;
        }
        for (int i = 0; i < 15; i++) {
            if (address[i] != 0) {
                return true;
            }
        }
        return address[15] != 1; // ::1 is loopback; :: (every interface) is not
    }

    /** Never shows the admin password: a configuration may end up in a log. */
    @Override
    public String toString() {
        return "AuthSettings[adminPassword=" + (adminPassword.isPresent() ? "****" : "generated")
                + ", adminTokenFile=" + adminTokenFile.map(Path::toString).orElse("none")
                + ", adminTokenLifetime=" + adminTokenLifetime
                + ", secureCookies=" + secureCookies + ", sessionIdle=" + sessionIdle
                + ", sessionLifetime=" + sessionLifetime + ", trustedProxies=" + trustedProxies + "]";
    }
}
