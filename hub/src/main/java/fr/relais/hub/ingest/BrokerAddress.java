package fr.relais.hub.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the broker is, from the URL the hub is given ({@code --mqtt}): {@code tcp://host:port}
 * (port 1883 by default) or {@code ssl://host:port} (8883 by default, the JVM's trusted
 * certificates, the host name checked), the two schemes the hub took when it ran on Paho.
 */
record BrokerAddress(String host, int port, boolean ssl) {
    static final int TCP_PORT = 1883;
    static final int SSL_PORT = 8883;

    /** @throws IllegalArgumentException saying what is wrong with the URL */
    static BrokerAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("the broker URL '" + url + "' is not a URL, e.g. tcp://127.0.0.1:1883", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("tcp") && !scheme.equals("ssl")) {
            throw new IllegalArgumentException("the broker URL '" + url + "' must start with tcp:// or ssl://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("the broker URL '" + url + "' names no host");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("the broker URL '" + url + "' must not have a path");
        }
        boolean ssl = scheme.equals("ssl");
        int port = uri.getPort() == -1 ? (ssl ? SSL_PORT : TCP_PORT) : uri.getPort();
        // An IPv6 literal comes bracketed; the socket wants it bare.
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return new BrokerAddress(host, port, ssl);
    }
}
