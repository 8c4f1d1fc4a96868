package fr.relais.agent.device.badge;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls an evdev reader needs, through JNA: Java's own file API cannot issue the
 * {@code EVIOCGRAB} ioctl that keeps a badge number from being typed into the kiosk. Every call
 * throws {@link LastErrorException} (with {@code errno}) when it fails. Constants are Linux's
 * generic ones, the same on x86_64, aarch64 and armhf.
 */
interface LinuxLibc extends Library {
    int O_RDONLY = 0;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;
    short POLLIN = 0x1;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    short POLLNVAL = 0x20;
    int EAGAIN = 11;
    int EINTR = 4;
    /** {@code struct pollfd}: int fd, short events, short revents. */
    int POLLFD_SIZE = 8;

    /** {@code _IOW('E', 0x90, int)}: direction write (1) << 30, size 4 << 16, type 'E' << 8, number 0x90. */
    long EVIOCGRAB = ioctlWrite('E', 0x90, 4);

    static long ioctlWrite(char type, int number, int size) {
        return 1L << 30 | (long) size << 16 | (long) type << 8 | number;
    }

    static LinuxLibc load() {
        return Holder.INSTANCE;
    }

    int open(String path, int flags) throws LastErrorException;

    NativeLong read(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

    int ioctl(int fd, NativeLong request, int argument) throws LastErrorException;

    int poll(Pointer fds, int count, int timeoutMillis) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** Loaded on first use only: a machine that never reads evdev never loads libc through JNA. */
    final class Holder {
        private static final LinuxLibc INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LinuxLibc.class);

        private Holder() {
        }
    }
}
