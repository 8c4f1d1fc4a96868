package fr.relais.kiosk.ui;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the current screen aloud with {@code espeak-ng -v fr} when it is installed (the button is
 * hidden otherwise). One voice at a time: pressing again stops the reading, and so does leaving the
 * screen or the end of the session. The text goes on standard input, never on the command line, and
 * never includes what the visitor typed.
 *
 * <p>Without a sound card (a Pi without speaker, a test machine) espeak-ng 1.51 prints
 * "error: No such file or directory" after ALSA's complaints and still exits with 0: a reading that
 * ends with an exit code other than 0, or with a line starting "error:" on its error output, is
 * reported as {@link Status#FAILED}, logged, and the button says so. The program is watched from a
 * thread of its own, so a program that hangs or dies never blocks the screen.
 */
final class ReadAloud {
    static final String PROGRAM = "espeak-ng";
    /** The style class of a node whose texts are not read (a keyboard's 32 keys one by one). */
    static final String SKIP = "read-aloud-skip";
    /** espeak-ng's error output can be long (ALSA); only its start is kept for the log. */
    private static final int ERROR_KEPT = 4000;
    private static final Logger LOG = LoggerFactory.getLogger(ReadAloud.class);

    enum Status { IDLE, READING, FAILED }

    private final Path program;
    private final Path wavFile;
    private final Executor ui;
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.IDLE);
    /** Written on the JavaFX thread, read by the watcher's report when it lands there too. */
    private volatile Process speaking;

    private ReadAloud(Path program, Path wavFile, Executor ui) {
        this.program = program;
        this.wavFile = wavFile;
        this.ui = ui;
    }

    /** The reader when {@code espeak-ng} is on the PATH; its news reach the JavaFX thread. */
    static Optional<ReadAloud> find(String path) {
        return find(path, Platform::runLater);
    }

    static Optional<ReadAloud> find(String path, Executor ui) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, PROGRAM);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new ReadAloud(candidate, null, ui));
            }
        }
        return Optional.empty();
    }

    /** The same program writing a WAV file instead of the sound card: what tests can hear. */
    ReadAloud writingTo(Path wav) {
        return new ReadAloud(program, wav, ui);
    }

    /** {@code espeak-ng -v fr}, with {@code -w FILE} when writing to a file; the text comes on stdin. */
    List<String> command() {
        List<String> command = new ArrayList<>(List.of(program.toString(), "-v", "fr"));
        if (wavFile != null) {
            command.add("-w");
            command.add(wavFile.toString());
        }
        return command;
    }

    /** Reading, failed or idle; changes on the thread given to {@link #find(String, Executor)}. */
    ReadOnlyObjectProperty<Status> status() {
        return status.getReadOnlyProperty();
    }

    /** Starts reading {@code screen}'s texts, or stops the reading under way. */
    void toggle(Node screen) {
        if (reading()) {
            stop();
            return;
        }
        String text = text(screen);
        Process process;
        try {
            process = new ProcessBuilder(command()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.warn("Cannot read the screen aloud with {}: {}", program, e.getMessage());
            status.set(Status.FAILED);
            return;
        }
        speaking = process;
        status.set(Status.READING);
        Thread watcher = new Thread(() -> watch(process, text), "read-aloud");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Whether a reading is under way. */
    boolean reading() {
        return speaking != null && speaking.isAlive();
    }

    /** Stops the reading under way, if any: a reading stopped on purpose is no failure. */
    void stop() {
        Process process = speaking;
        speaking = null;
        if (process != null) {
            process.destroy();
        }
        if (status.get() == Status.READING) {
            status.set(Status.IDLE);
        }
    }

    /** For the next visitor: no reading, and no "it failed" left from the previous one. */
    void reset() {
        stop();
        status.set(Status.IDLE);
    }

    /** Off the JavaFX thread: feeds the text, waits for the end, says how it went. */
    private void watch(Process process, String text) {
        String problem = null;
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // A program that died at once closes its input: its exit code tells why.
            LOG.debug("Could not give the text to {}: {}", program, e.getMessage());
        }
        String errors;
        try (InputStream err = process.getErrorStream()) {
            errors = new String(readBounded(err), StandardCharsets.UTF_8);
            int code = process.waitFor();
            if (code != 0) {
                problem = "exit code " + code;
            } else if (errors.lines().anyMatch(line -> line.startsWith("error:"))) {
                problem = "no sound output";
            }
        } catch (IOException e) {
            errors = "";
            problem = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String failure = problem;
        String said = errors.strip();
        ui.execute(() -> finished(process, failure, said));
    }

    private void finished(Process process, String problem, String errors) {
        if (process != speaking) {
            // Stopped on purpose (button, other screen, end of session): destroying it is no failure.
            return;
        }
        speaking = null;
        if (problem == null) {
            status.set(Status.IDLE);
        } else {
            LOG.warn("Reading the screen aloud with {} failed ({}): {}", program, problem, errors);
            status.set(Status.FAILED);
        }
    }

    /** All of a stream, keeping only its first {@link #ERROR_KEPT} bytes so a chatty program cannot fill memory. */
    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] kept = new byte[ERROR_KEPT];
        int length = 0;
        byte[] buffer = new byte[1024];
        int read;
        while ((read = in.read(buffer)) != -1) {
            int room = Math.min(read, ERROR_KEPT - length);
            System.arraycopy(buffer, 0, kept, length, room);
            length += room;
        }
        return java.util.Arrays.copyOf(kept, length);
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
