package fr.relais.provisioning.inventory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The line on which each field of a YAML document starts, keyed by the same paths that
 * {@code StrictObject} puts in its errors ({@code sites[2].nodes[0].id}). A tree read by Jackson
 * has forgotten where its nodes came from, so the document is walked once more, token by token.
 *
 * <p>The walk is also where the document's YAML itself is judged: malformed YAML, a key given
 * twice in one mapping, aliases and a second document are refused here with their line and the
 * path they were found in.
 */
final class YamlLineIndex {
    /** The path of the document itself, as {@code StrictObject.root} names it. */
    static final String DOCUMENT = "document";

    // Strict duplicate detection is left off: the walk finds duplicates itself, with both lines.
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final Map<String, Integer> lines;

    private YamlLineIndex(Map<String, Integer> lines) {
        this.lines = Map.copyOf(lines);
    }

    static YamlLineIndex of(String yaml) throws SyntaxException {
        Walk walk = new Walk();
        try (YAMLParser parser = FACTORY.createParser(yaml)) {
            walk.run(parser);
        } catch (JsonProcessingException e) {
            throw malformed(e, walk);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail with I/O", e);
        }
        return new YamlLineIndex(walk.lines);
    }

    /**
     * The line of {@code path}, or of the nearest enclosing field when the path is absent from
     * the document (a missing required field is reported on its parent's line).
     */
    int lineOf(String path) {
        String current = path;
        while (!current.isEmpty()) {
            Integer line = lines.get(current);
            if (line != null) {
                return line;
            }
            current = parent(current);
        }
        return lines.getOrDefault("", 1);
    }

    /** Whether the document writes this very field (not only one of its parents). */
    boolean has(String path) {
        return lines.containsKey(path);
    }

    private static String parent(String path) {
        int cut = path.endsWith("]") ? path.lastIndexOf('[') : path.lastIndexOf('.');
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /**
     * Jackson locates a YAML error at the last token it returned, which can be lines before the
     * mistake; SnakeYAML, underneath, knows where the problem is. Its message spans several lines
     * with snippets, so only its sentences are kept.
     */
    private static SyntaxException malformed(JsonProcessingException e, Walk walk) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                String reason = marked.getContext() == null
                        ? marked.getProblem()
                        : marked.getContext() + "; " + marked.getProblem();
                return new SyntaxException(marked.getProblemMark().getLine() + 1, walk.currentPath(),
                        "not valid YAML (" + reason + ")");
            }
        }
        JsonLocation location = e.getLocation();
        int line = location == null || location.getLineNr() < 1 ? walk.lastLine : location.getLineNr();
        return new SyntaxException(line, walk.currentPath(), "not valid YAML (" + e.getOriginalMessage() + ")");
    }

    /** A document that is not acceptable YAML, with where it went wrong. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        private final int line;
        private final String path;
        private final String reason;

        SyntaxException(int line, String path, String reason) {
            super("line " + line + ", " + path + ": " + reason);
            this.line = line;
            this.path = path;
            this.reason = reason;
        }

        int line() {
            return line;
        }

        String path() {
            return path;
        }

        String reason() {
            return reason;
        }
    }

    /** One open mapping or sequence of the walk. */
    private static final class Frame {
        final boolean mapping;
        final String path;
        final Map<String, Integer> keys = new HashMap<>();
        String field;
        int nextIndex;

        Frame(boolean mapping, String path) {
            this.mapping = mapping;
            this.path = path;
        }

        String child(String name) {
            // A blank key is shown quoted, as StrictObject names it, or an error would name no
            // field at all (found by InventoryFuzzTest).
            String shown = name.isBlank() ? "\"" + name + "\"" : name;
            return path.isEmpty() ? shown : path + "." + shown;
        }
    }

    /** The state of one walk through the tokens. */
    private static final class Walk {
        final Map<String, Integer> lines = new HashMap<>();
        final Deque<Frame> open = new ArrayDeque<>();
        int lastLine = 1;
        boolean rootDone;

        void run(YAMLParser parser) throws IOException, SyntaxException {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                lastLine = Math.max(1, parser.currentTokenLocation().getLineNr());
                if (rootDone) {
                    throw new SyntaxException(lastLine, DOCUMENT, "a second YAML document ('---'); an inventory is one document");
                }
                if (parser.isCurrentAlias()) {
                    throw new SyntaxException(lastLine, currentPath(), "YAML aliases ('*" + parser.getText()
                            + "') are not supported; write the value out");
                }
                step(token, parser.currentName());
            }
            if (!rootDone) {
                throw new SyntaxException(lastLine, DOCUMENT, "is empty; an inventory starts with 'territory:' and 'sites:'");
            }
        }

        private void step(JsonToken token, String name) throws SyntaxException {
            switch (token) {
                case FIELD_NAME -> field(name);
                case START_OBJECT -> open.push(new Frame(true, value()));
                case START_ARRAY -> open.push(new Frame(false, value()));
                case END_OBJECT, END_ARRAY -> {
                    open.pop();
                    rootDone = open.isEmpty();
                }
                default -> {
                    value();
                    rootDone = open.isEmpty();
                }
            }
        }

        private void field(String name) throws SyntaxException {
            Frame frame = open.peek();
            String path = frame.child(name);
            Integer first = frame.keys.putIfAbsent(name, lastLine);
            if (first != null) {
                throw new SyntaxException(lastLine, path, "the key '" + name + "' is given twice in the same mapping"
                        + " (first on line " + first + ")");
            }
            frame.field = name;
            lines.put(path, lastLine);
        }

        /** Records where a value starts and returns its path. */
        private String value() {
            Frame frame = open.peek();
            if (frame == null) {
                lines.putIfAbsent("", lastLine);
                return "";
            }
            if (frame.mapping) {
                return frame.child(frame.field);
            }
            String path = frame.path + "[" + frame.nextIndex++ + "]";
            lines.put(path, lastLine);
            return path;
        }

        /** Where the walk is, for an error found between tokens. */
        String currentPath() {
            Frame frame = open.peek();
            if (frame == null) {
                return DOCUMENT;
            }
            if (frame.mapping && frame.field != null) {
                return frame.child(frame.field);
            }
            return frame.path.isEmpty() ? DOCUMENT : frame.path;
        }
    }
}
