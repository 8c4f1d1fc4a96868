package fr.relais.agent.disk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small filesystem for the tests of a full or read-only SD card: a tmpfs of a few
 * megabytes that {@link #fill()} fills up (SQLite then really gets {@code SQLITE_FULL}), or an
 * ext4 image mounted through a loop device with {@code errors=remount-ro}, which
 * {@link #breakIntoReadOnly()} turns read-only the way the kernel does when an SD card fails
 * (every write then really fails, with files left open). As root, {@code chmod} would not stop
 * a single write, hence real mounts: they need root (CAP_SYS_ADMIN), as {@code ./relais test}
 * and CI run; without it the test fails and says so.
 */
public final class ScratchDisk implements AutoCloseable {
    private static final String FILLER = "filler";

    private final Path root;
    private final Path image;

    private ScratchDisk(Path root, Path image) {
        this.root = root;
        this.image = image;
    }

    /** A tmpfs of {@code megabytes} at {@code mountPoint} (created). */
    public static ScratchDisk tmpfs(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        run("mount a tmpfs", "mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0700", "tmpfs",
                mountPoint.toString());
        return new ScratchDisk(mountPoint, null);
    }

    /** An ext4 filesystem of {@code megabytes} in an image file in {@code dir}, mounted at {@code dir/mnt}. */
    public static ScratchDisk ext4(Path dir, int megabytes) throws IOException, InterruptedException {
        Path image = dir.resolve("sd-card.img");
        Path mountPoint = dir.resolve("mnt");
        Files.createDirectories(mountPoint);
        try (var file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(megabytes * 1024L * 1024);
        }
        run("make an ext4 filesystem (package e2fsprogs: apt-get install e2fsprogs)", "mkfs.ext4", "-q", "-F",
                image.toString());
        ScratchDisk disk = new ScratchDisk(mountPoint, image);
        disk.mountImage();
        return disk;
    }

    public Path root() {
        return root;
    }

    /** Writes a file until the filesystem has no room left. */
    public void fill() throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(root.resolve(FILLER))) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    /** Gives the room taken by {@link #fill()} back. */
    public void free() throws IOException {
        Files.deleteIfExists(root.resolve(FILLER));
    }

    /**
     * What the kernel does when an SD card fails under ext4 with {@code errors=remount-ro}: the
     * filesystem becomes read-only at once, files stay open, every write fails from then on.
     * Only an unmount (a reboot on a Pi) undoes it.
     */
    public void breakIntoReadOnly() throws IOException, InterruptedException {
        Files.writeString(errorTrigger(), "relais test: the SD card fails\n", StandardCharsets.US_ASCII);
        checkReadOnly();
    }

    /**
     * The kernel file whose writing turns the ext4 image read-only (what {@link #breakIntoReadOnly()}
     * does), for a test where the card must fail in the middle of something, such as a command.
     */
    public Path errorTrigger() throws IOException, InterruptedException {
        if (image == null) {
            throw new IllegalStateException("only the ext4 image can turn read-only with files open");
        }
        String device = Path.of(run("find the loop device", "findmnt", "-n", "-o", "SOURCE", root.toString()).strip())
                .getFileName().toString();
        return Path.of("/sys/fs/ext4", device, "trigger_fs_error");
    }

    /** Fails unless the filesystem is read-only now. */
    public void checkReadOnly() throws IOException, InterruptedException {
        String options = run("read the mount options", "findmnt", "-n", "-o", "OPTIONS", root.toString());
        // The kernel marks such a filesystem "emergency_ro" while it still reads "rw".
        if (!options.startsWith("ro") && !options.contains("emergency_ro")) {
            throw new IllegalStateException("the filesystem did not turn read-only: " + options);
        }
    }

    /**
     * What a technician does after a reboot: check the filesystem and mount it writable again.
     * Everything on it must be closed first.
     */
    public void repair() throws IOException, InterruptedException {
        run("unmount the image", "umount", root.toString());
        // e2fsck exits 1 when it corrected something, which is what it is for here.
        runAllowing(List.of(0, 1), "check the image", "e2fsck", "-f", "-y", image.toString());
        mountImage();
    }

    /** Unmounts (lazily if something is still open), then deletes the image. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (isMounted()) {
            try {
                run("unmount " + root, "umount", root.toString());
            } catch (IllegalStateException busy) {
                run("unmount " + root + " lazily", "umount", "-l", root.toString());
            }
        }
        if (image != null) {
            Files.deleteIfExists(image);
        }
    }

    private boolean isMounted() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .anyMatch(line -> line.split(" ")[1].equals(root.toAbsolutePath().toString()));
    }

    private void mountImage() throws IOException, InterruptedException {
        run("mount the image through a loop device", "mount", "-o", "loop,errors=remount-ro", image.toString(),
                root.toString());
    }

    private static String run(String what, String... command) throws IOException, InterruptedException {
        return runAllowing(List.of(0), what, command);
    }

    private static String runAllowing(List<Integer> ok, String what, String... command)
            throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of(command));
        Process process;
        try {
            process = new ProcessBuilder(words).redirectErrorStream(true).start();
        } catch (IOException missing) {
            throw new IllegalStateException("cannot " + what + ": " + command[0] + " is missing (" + missing.getMessage()
                    + ")", missing);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("cannot " + what + ": " + String.join(" ", words) + " did not finish");
        }
        if (!ok.contains(process.exitValue())) {
            throw new IllegalStateException("cannot " + what + ": " + String.join(" ", words) + " exited with "
                    + process.exitValue() + ": " + output.strip() + "\nThe tests of a full or read-only SD card"
                    + " mount real small filesystems: run them as root (CAP_SYS_ADMIN, loop devices), as"
                    + " ./relais test and CI do.");
        }
        return output;
    }
}
