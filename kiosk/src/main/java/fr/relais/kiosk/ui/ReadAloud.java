package fr.relais.kiosk.ui;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the current screen aloud with {@code espeak-ng -v fr} when it is installed (the button is
 * hidden otherwise). One voice at a time: pressing again stops the reading. The text goes on
 * standard input, never on the command line, and never includes what the visitor typed.
 */
final class ReadAloud {
    static final String PROGRAM = "espeak-ng";
    /** The style class of a node whose texts are not read (a keyboard's 32 keys one by one). */
    static final String SKIP = "read-aloud-skip";
    private static final Logger LOG = LoggerFactory.getLogger(ReadAloud.class);

    private final Path program;
    private Process speaking;

    private ReadAloud(Path program) {
        this.program = program;
    }

    /** The reader when {@code espeak-ng} is on the PATH. */
    static Optional<ReadAloud> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, PROGRAM);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new ReadAloud(candidate));
            }
        }
        return Optional.empty();
    }

    /** Starts reading {@code screen}'s texts, or stops the reading under way. */
    void toggle(Node screen) {
        if (speaking != null && speaking.isAlive()) {
            stop();
            return;
        }
        String text = text(screen);
        try {
            speaking = new ProcessBuilder(program.toString(), "-v", "fr")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream in = speaking.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            LOG.warn("Cannot read the screen aloud with {}: {}", program, e.getMessage());
        }
    }

    void stop() {
        if (speaking != null) {
            speaking.destroy();
            speaking = null;
        }
    }

    /** The visible texts of a screen in reading order (labels and buttons), one sentence a line. */
    static String text(Node node) {
        StringBuilder text = new StringBuilder();
        collect(node, text);
        return text.toString().replace('\u00a0', ' ').strip();
    }

    private static void collect(Node node, StringBuilder text) {
        if (!node.isVisible() || node instanceof TextInputControl || node.getStyleClass().contains(SKIP)) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            text.append(labeled.getText().strip()).append('\n');
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, text);
            }
        }
    }
}
