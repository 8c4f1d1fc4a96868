package fr.relais.agent.device.badge;

import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where the fields of Linux's {@code struct input_event} lie, as {@code read(2)} on an evdev
 * device returns them: {@code struct timeval time} (two C {@code long}s), {@code __u16 type},
 * {@code __u16 code}, {@code __s32 value}, in the machine's byte order. On 64-bit Linux
 * (x86_64, and aarch64: the Pi's 64-bit OS) that is 24 bytes; on 32-bit Linux (armhf) 16, also
 * with a 64-bit {@code time_t}, since the kernel keeps {@code long}s there.
 */
record InputEventLayout(int size, int typeOffset, int codeOffset, int valueOffset, ByteOrder order) {
    static final InputEventLayout LP64 = new InputEventLayout(24, 16, 18, 20, ByteOrder.LITTLE_ENDIAN);
    static final InputEventLayout ILP32 = new InputEventLayout(16, 8, 10, 12, ByteOrder.LITTLE_ENDIAN);

    /** The layout for a C {@code long} of {@code bytes} bytes. */
    static InputEventLayout forLongSize(int bytes) {
        return switch (bytes) {
            case 8 -> LP64;
            case 4 -> ILP32;
            default -> throw new IllegalArgumentException("no input_event layout for a " + bytes + "-byte long");
        };
    }

    /** The layout of the running JVM's platform (its C {@code long} size and byte order). */
    static InputEventLayout ofThisMachine() {
        InputEventLayout layout = forLongSize(Native.LONG_SIZE);
        return new InputEventLayout(layout.size, layout.typeOffset, layout.codeOffset, layout.valueOffset,
                ByteOrder.nativeOrder());
    }

    /** The event of the record that starts at {@code offset}. */
    InputEvent decode(byte[] records, int offset) {
        ByteBuffer buffer = ByteBuffer.wrap(records, offset, size).order(order);
        return new InputEvent(Short.toUnsignedInt(buffer.getShort(offset + typeOffset)),
                Short.toUnsignedInt(buffer.getShort(offset + codeOffset)), buffer.getInt(offset + valueOffset));
    }

    /** One record of this layout, with a zero timestamp (tests, and tools that replay keystrokes). */
    byte[] encode(InputEvent event) {
        ByteBuffer buffer = ByteBuffer.allocate(size).order(order);
        buffer.putShort(typeOffset, (short) event.type());
        buffer.putShort(codeOffset, (short) event.code());
        buffer.putInt(valueOffset, event.value());
        return buffer.array();
    }

    /** One input event without its timestamp. */
    record InputEvent(int type, int code, int value) {
        static final int EV_SYN = 0x00;
        static final int EV_KEY = 0x01;
        /** The highest event type the kernel defines (EV_MAX): anything above is garbage. */
        static final int EV_MAX = 0x1f;
        static final int KEY_RELEASED = 0;
        static final int KEY_PRESSED = 1;
        static final int KEY_REPEATED = 2;

        static InputEvent keyPress(int code) {
            return new InputEvent(EV_KEY, code, KEY_PRESSED);
        }

        static InputEvent keyRelease(int code) {
            return new InputEvent(EV_KEY, code, KEY_RELEASED);
        }

        static InputEvent sync() {
            return new InputEvent(EV_SYN, 0, 0);
        }
    }
}
