package fr.relais.hub.auth;

import java.util.Objects;

/**
 * A technician's or site manager's account, without its password hash.
 *
 * @param site       the one site a {@link Role#VIEWER} may read or a {@link Role#MANAGER} manages; null for the other roles
 * @param disabledAt null while the account may log in
 */
public record Account(String username, Role role, String site, long createdAt, Long disabledAt) {
    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
    }

    public boolean enabled() {
        return disabledAt == null;
    }
}
