package fr.relais.hub.ingest;

import java.util.Optional;

/** How the hub reaches the broker. {@link #toString()} never shows the password. */
public record MqttSettings(String url, String clientId, Optional<String> username, Optional<String> password) {
    public static final String DEFAULT_CLIENT_ID = "relais-hub";

    @Override
    public String toString() {
        return "MqttSettings[url=" + url + ", clientId=" + clientId + ", username=" + username.orElse("(none)")
                + ", password=" + (password.isPresent() ? "****" : "(none)") + "]";
    }
}
