package fr.relais.agent.device.scanner;

import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The {@code settings:} of an {@code escl} scanner.
 *
 * @param url its eSCL root, such as {@code http://192.168.1.21/eSCL} or, for a USB device through
 *            ipp-usb, {@code http://localhost:60000/eSCL}; no trailing slash
 */
record EsclSettings(URI url) {
    static EsclSettings read(StrictObject device) throws FieldException {
        StrictObject settings = device.object("settings");
        String text = settings.text("url");
        URI url;
        try {
            url = parse(text);
        } catch (IllegalArgumentException e) {
            throw new FieldException(settings.field("url"), e.getMessage());
        }
        settings.finish();
        return new EsclSettings(url);
    }

    static URI parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + text
                    + "' must start with http:// or https:// (such as http://192.168.1.21/eSCL)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no host");
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("'" + text + "' must not carry a user, a query or a fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no eSCL root (most scanners: " + scheme + "://"
                    + uri.getRawAuthority() + "/eSCL)");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** Where the scanner says what it is doing. */
    URI statusUrl() {
        return URI.create(url + "/ScannerStatus");
    }
}
