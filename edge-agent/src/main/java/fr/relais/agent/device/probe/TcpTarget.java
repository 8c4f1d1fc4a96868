package fr.relais.agent.device.probe;

import fr.relais.protocol.json.FieldException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/** A host and TCP port whose connection time is measured, written {@code tcp://host:port}. */
public record TcpTarget(String host, int port) {
    public TcpTarget {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty() || port < 1 || port > 65_535) {
            throw new IllegalArgumentException("not a host and port: '" + host + "', " + port);
        }
    }

    /** A target given on a command line ({@code agent check probe tcp://host:port}). */
    public static TcpTarget of(String text) {
        try {
            return parse("target", text);
        } catch (FieldException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@code tcp://hub.example:8883}, {@code tcp://1.1.1.1:443} or {@code tcp://[2606:4700::1111]:443}. */
    static TcpTarget parse(String field, String text) throws FieldException {
        String expected = "'" + text + "' is not tcp://host:port (such as tcp://hub.example:8883)";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new FieldException(field, expected);
        }
        boolean bare = uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
        if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || !bare) {
            throw new FieldException(field, expected);
        }
        if (uri.getPort() < 1 || uri.getPort() > 65_535) {
            throw new FieldException(field, "'" + text + "' needs a port between 1 and 65535");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new TcpTarget(host, uri.getPort());
    }

    /** {@code hub.example:8883}, {@code [::1]:443}: how messages and events name it. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
