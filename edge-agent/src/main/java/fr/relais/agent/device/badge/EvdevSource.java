package fr.relais.agent.device.badge;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import fr.relais.agent.device.DeviceException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An evdev input device opened through libc, non-blocking, and grabbed ({@code EVIOCGRAB}) so
 * that the keystrokes of the badge reader reach this agent only: without the grab, the number
 * would also be typed into whatever has the focus on the kiosk. Any readable file works when
 * the grab is off (a FIFO in tests, a recorded stream).
 */
final class EvdevSource implements ByteSource {
    private static final int ENOENT = 2;
    private static final int EPERM = 1;
    private static final int EACCES = 13;
    private static final int ENODEV = 19;
    private static final int EBUSY = 16;
    private static final int EINVAL = 22;
    private static final int ENOTTY = 25;

    private final LinuxLibc libc;
    private final int fd;
    private final Path device;
    private final boolean grabbed;
    private final Memory pollFd = new Memory(LinuxLibc.POLLFD_SIZE);

    private EvdevSource(LinuxLibc libc, int fd, Path device, boolean grabbed) {
        this.libc = libc;
        this.fd = fd;
        this.device = device;
        this.grabbed = grabbed;
    }

    static EvdevSource open(Path device, boolean grab) throws DeviceException {
        LinuxLibc libc = LinuxLibc.load();
        int fd;
        try {
            fd = libc.open(device.toString(), LinuxLibc.O_RDONLY | LinuxLibc.O_NONBLOCK | LinuxLibc.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new DeviceException(openProblem(device, e));
        }
        if (grab) {
            try {
                libc.ioctl(fd, new NativeLong(LinuxLibc.EVIOCGRAB), 1);
            } catch (LastErrorException e) {
                closeQuietly(libc, fd);
                throw new DeviceException(grabProblem(device, e));
            }
        }
        return new EvdevSource(libc, fd, device, grab);
    }

    private static String openProblem(Path device, LastErrorException e) {
        return switch (e.getErrorCode()) {
            case ENOENT, ENODEV -> "no input device " + device
                    + " (reader unplugged, or a wrong path: see ls -l /dev/input/by-id/)";
            case EACCES, EPERM -> "permission denied on " + device
                    + ": the agent's user must be in group input (usermod -aG input relais)";
            default -> "cannot open " + device + ": " + e.getMessage();
        };
    }

    private static String grabProblem(Path device, LastErrorException e) {
        String prefix = "cannot grab " + device + " for this agent alone (EVIOCGRAB), so badge numbers would be"
                + " typed into the kiosk: ";
        return prefix + switch (e.getErrorCode()) {
            case ENOTTY, EINVAL -> "it is not an input event device (a /dev/input/event* or its"
                    + " /dev/input/by-id/…-event-kbd link); grab: false is only for test streams";
            case EBUSY -> "another program holds it (a second agent, or a tool such as evtest --grab)";
            case EACCES, EPERM -> "permission denied: the agent's user must be in group input";
            default -> e.getMessage();
        };
    }

    @Override
    public int read(byte[] buffer, Duration wait) throws ReaderGoneException {
        pollFd.setInt(0, fd);
        pollFd.setShort(4, LinuxLibc.POLLIN);
        pollFd.setShort(6, (short) 0);
        try {
            if (libc.poll(pollFd, 1, (int) wait.toMillis()) == 0) {
                return 0;
            }
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LinuxLibc.EINTR) {
                return 0;
            }
            throw new ReaderGoneException("poll on " + device + " failed: " + e.getMessage());
        }
        if ((pollFd.getShort(6) & LinuxLibc.POLLNVAL) != 0) {
            throw new ReaderGoneException(device + " is no longer open");
        }
        return readAvailable(buffer);
    }

    private int readAvailable(byte[] buffer) throws ReaderGoneException {
        long read;
        try {
            read = libc.read(fd, buffer, new NativeLong(buffer.length)).longValue();
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LinuxLibc.EAGAIN || e.getErrorCode() == LinuxLibc.EINTR) {
                return 0;
            }
            throw new ReaderGoneException(e.getErrorCode() == ENODEV ? device + " was removed"
                    : "reading " + device + " failed: " + e.getMessage());
        }
        if (read == 0) {
            throw new ReaderGoneException("end of stream on " + device);
        }
        return (int) read;
    }

    @Override
    public void close() {
        if (grabbed) {
            try {
                libc.ioctl(fd, new NativeLong(LinuxLibc.EVIOCGRAB), 0);
            } catch (LastErrorException e) {
                // Gone already (unplugged): the kernel dropped the grab with the device.
            }
        }
        closeQuietly(libc, fd);
    }

    private static void closeQuietly(LinuxLibc libc, int fd) {
        try {
            libc.close(fd);
        } catch (LastErrorException e) {
            // Nothing to do: the descriptor is released either way.
        }
    }
}
