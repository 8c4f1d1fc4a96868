package fr.relais.agent.device.printer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a printer answers IPP. A technician may write the printer's address as its IPP URI
 * ({@code ipp://host:631/ipp/print}, {@code ipps://…}) or as the HTTP URL the requests really go to
 * ({@code http://host:631/ipp/print}, {@code https://…}, as ipp-usb shows them on
 * {@code http://localhost:60000/ipp/print}); both are kept, since IPP names the printer by the first
 * and HTTP carries the request to the second.
 *
 * @param printerUri the {@code printer-uri} the requests name (ipp or ipps)
 * @param httpUri    where they are POSTed (http or https), with the port made explicit
 */
record PrinterAddress(URI printerUri, URI httpUri) {
    static final int IPP_PORT = 631;

    /** Reads an address as written in {@code agent.yaml}; the exception says what is wrong with it. */
    static PrinterAddress parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean secure = switch (scheme) {
            case "ipp", "http" -> false;
            case "ipps", "https" -> true;
            default -> throw new IllegalArgumentException("'" + text
                    + "' must start with ipp://, ipps://, http:// or https:// (such as ipp://192.168.1.20:631/ipp/print)");
        };
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no host");
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("'" + text + "' must not carry a user, a query or a fragment");
        }
        boolean ippForm = scheme.startsWith("ipp");
        int port = uri.getPort() != -1 ? uri.getPort() : ippForm ? IPP_PORT : secure ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String host = uri.getHost();
        return new PrinterAddress(
                URI.create((secure ? "ipps" : "ipp") + "://" + host + ":" + port + path),
                URI.create((secure ? "https" : "http") + "://" + host + ":" + port + path));
    }

    @Override
    public String toString() {
        return printerUri.toString();
    }
}
