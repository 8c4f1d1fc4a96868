package fr.relais.kiosk.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the agent's loopback API is and the token it wants, as the agent writes them at each start
 * ({@code {"url":"http://127.0.0.1:8471","token":"…"}}). The token changes at every agent start, so
 * the kiosk reads the file again whenever a request fails.
 */
public record AgentLink(URI url, String token) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A link file is a few dozen bytes; anything large is not one. */
    private static final long MAX_BYTES = 4096;

    public static AgentLink read(Path file) throws AgentException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new AgentException("link file " + file + " is over " + MAX_BYTES + " bytes");
            }
            JsonNode tree = JSON.readTree(Files.readAllBytes(file));
            String url = tree == null ? null : tree.path("url").asText(null);
            String token = tree == null ? null : tree.path("token").asText(null);
            if (url == null || token == null || token.isBlank()) {
                throw new AgentException("link file " + file + " lacks url or token");
            }
            URI uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new AgentException("link file " + file + ": url '" + url + "' is not http://host:port");
            }
            return new AgentLink(uri, token);
        } catch (IOException e) {
            throw new AgentException("link file " + file + " unreadable (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        } catch (URISyntaxException e) {
            throw new AgentException("link file " + file + ": bad url (" + e.getMessage() + ")");
        }
    }
}
