package fr.relais.agent.device.badge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import fr.relais.agent.device.badge.InputEventLayout.InputEvent;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The {@code struct input_event} layout, checked against the C ABI through JNA. */
class InputEventLayoutTest {
    /** {@code struct input_event} as linux/input.h declares it for user space. */
    @Structure.FieldOrder({"seconds", "microseconds", "type", "code", "value"})
    public static final class CInputEvent extends Structure {
        public NativeLong seconds;
        public NativeLong microseconds;
        public short type;
        public short code;
        public int value;

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    @Test
    void sixtyFourBitLinuxRecordsAreTwentyFourBytes() {
        InputEventLayout layout = InputEventLayout.LP64;
        assertThat(layout.size()).isEqualTo(24);
        assertThat(layout.typeOffset()).isEqualTo(16);
        assertThat(layout.codeOffset()).isEqualTo(18);
        assertThat(layout.valueOffset()).isEqualTo(20);
        assertThat(InputEventLayout.forLongSize(8)).isEqualTo(InputEventLayout.LP64);
        assertThat(InputEventLayout.forLongSize(4).size()).isEqualTo(16);
    }

    @Test
    void theLayoutOfThisMachineIsTheCStructsLayout() {
        CInputEvent c = new CInputEvent();
        InputEventLayout layout = InputEventLayout.ofThisMachine();
        assertThat(layout.size()).isEqualTo(c.size());
        assertThat(layout.typeOffset()).isEqualTo(c.offsetOf("type"));
        assertThat(layout.codeOffset()).isEqualTo(c.offsetOf("code"));
        assertThat(layout.valueOffset()).isEqualTo(c.offsetOf("value"));
        assertThat(layout.order()).isEqualTo(ByteOrder.nativeOrder());
        if (Native.LONG_SIZE == 8) {
            // x86_64 here, aarch64 on a Pi with the 64-bit OS.
            assertThat(layout.size()).isEqualTo(24);
        }
    }

    @Test
    void aRecordWrittenThroughTheCStructIsDecoded() {
        CInputEvent c = new CInputEvent();
        c.seconds = new NativeLong(1_764_880_000L);
        c.microseconds = new NativeLong(123_456);
        c.type = 1;
        c.code = 28;
        c.value = 1;
        c.write();
        byte[] record = c.getPointer().getByteArray(0, c.size());
        assertThat(InputEventLayout.ofThisMachine().decode(record, 0)).isEqualTo(new InputEvent(1, 28, 1));
    }

    @Test
    void aRecordedKeyPressDecodes() {
        // KEY_ENTER pressed, byte for byte as a 64-bit little-endian kernel writes it: timeval, EV_KEY, 28, 1.
        byte[] record = HexFormat.of().parseHex("80c4316900000000" + "40e2010000000000" + "0100" + "1c00" + "01000000");
        assertThat(InputEventLayout.LP64.decode(record, 0)).isEqualTo(new InputEvent(1, 28, 1));
        assertThat(InputEventLayout.LP64.encode(new InputEvent(1, 28, 1))).hasSize(24);
    }

    @Test
    void typeAndCodeAreUnsigned() {
        byte[] record = InputEventLayout.LP64.encode(new InputEvent(0xffff, 0xfffe, -1));
        assertThat(InputEventLayout.LP64.decode(record, 0)).isEqualTo(new InputEvent(0xffff, 0xfffe, -1));
    }

    @Test
    void noOtherLongSizeIsGuessed() {
        assertThatThrownBy(() -> InputEventLayout.forLongSize(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGrabRequestIsLinuxsEviocgrab() {
        assertThat(LinuxLibc.EVIOCGRAB).isEqualTo(0x40044590L);
    }
}
