package fr.relais.bench.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcessMeterTest {
    @Test
    void readsWriteBytesFromProcIo() throws IOException {
        String io = """
                rchar: 123456
                wchar: 654321
                syscr: 10
                syscw: 20
                read_bytes: 4096
                write_bytes: 1376948224
                cancelled_write_bytes: 8192
                """;
        assertThat(ProcessMeter.writeBytes(io)).isEqualTo(1_376_948_224L);
    }

    @Test
    void refusesAProcIoWithoutWriteBytes() {
        assertThatThrownBy(() -> ProcessMeter.writeBytes("cancelled_write_bytes: 8192\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("no write_bytes");
    }

    @Test
    void addsTheGenerationsOfSerialGc() throws IOException {
        String heapInfo = """
                12345:
                 def new generation   total 9792K, used 1041K [0x00000000fa000000, 0x00000000faaa0000, 0x00000000fc000000)
                  eden space 8704K,  11% used [0x00000000fa000000, 0x00000000fa104530, 0x00000000fa880000)
                  from space 1088K,   0% used [0x00000000fa880000, 0x00000000fa880000, 0x00000000fa990000)
                 tenured generation   total 21704K, used 15347K [0x00000000fc000000, 0x00000000fd532000, 0x0000000100000000)
                   the space 21704K,  70% used [0x00000000fc000000, 0x00000000fcefcd18, 0x00000000fcefce00, 0x00000000fd532000)
                 Metaspace       used 31234K, committed 31616K, reserved 1081344K
                """;
        assertThat(ProcessMeter.heapUsedBytes(heapInfo)).isEqualTo((1041L + 15347L) * 1024);
    }

    @Test
    void readsG1sHeapToo() throws IOException {
        assertThat(ProcessMeter.heapUsedBytes(" garbage-first heap   total 262144K, used 20480K [0x0, 0x0)\n"))
                .isEqualTo(20480L * 1024);
    }

    @Test
    void refusesAnAnswerWithoutTheHeap() {
        assertThatThrownBy(() -> ProcessMeter.heapUsedBytes("12345:\nCommand executed successfully\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("heap");
    }
}
