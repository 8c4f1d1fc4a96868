package fr.relais.hub.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * The mail server alerts are sent through.
 *
 * @param ssl      TLS from the first byte (port 465); otherwise {@code startTls} says whether to upgrade
 * @param password read from the environment variable the rule file names, never from the file
 */
public record SmtpSettings(String host, int port, boolean ssl, StartTls startTls, Optional<String> username,
                           Optional<String> password, String from) {
    /** Whether the plain connection is upgraded to TLS (STARTTLS). */
    public enum StartTls implements fr.relais.protocol.WireValue {
        DISABLED("disabled"), OPTIONAL("optional"), REQUIRED("required");

        private final String wire;

        StartTls(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(startTls, "startTls");
        Objects.requireNonNull(from, "from");
    }
}
