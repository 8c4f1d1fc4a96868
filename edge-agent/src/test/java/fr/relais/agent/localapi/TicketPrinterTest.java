package fr.relais.agent.localapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.agent.config.KioskApiSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ESC/POS bytes of a ticket, on a real loopback socket and in a file standing for /dev/usb/lp0. */
class TicketPrinterTest {
    static final TicketPrinter.Ticket TICKET = new TicketPrinter.Ticket("Tiers-lieu de Montcornet", "C12", "CAF",
            ZonedDateTime.parse("2026-12-07T14:05:00+01:00[Europe/Paris]"));

    @TempDir
    Path dir;

    static byte[] expected() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1B, '@'});
        out.writeBytes(new byte[] {0x1B, 't', 2});
        out.writeBytes(new byte[] {0x1B, 'a', 1});
        out.writeBytes("Tiers-lieu de Montcornet\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0x1B, 'd', 1, 0x1D, '!', 0x11});
        out.writeBytes("C12\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0x1D, '!', 0x00, 0x1B, 'd', 1});
        out.writeBytes("CAF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes("07/12/2026 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(0x85); // à in code page 850
        out.writeBytes(" 14 h 05\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0x1B, 'd', 4, 0x1D, 'V', 66, 0});
        return out.toByteArray();
    }

    @Test
    void theNetworkPrinterGetsInitCentreDoubleSizeNumberTopicTimeAndCut() throws Exception {
        try (ServerSocket printer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = printer.accept(); InputStream in = socket.getInputStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            new TicketPrinter(new KioskApiSettings.NetworkPrinter("127.0.0.1", printer.getLocalPort())).print(TICKET);
            assertThat(received.get()).isEqualTo(expected());
        }
    }

    @Test
    void theUsbPrinterDeviceFileGetsTheSameBytes() throws Exception {
        Path device = Files.createFile(dir.resolve("lp0"));
        new TicketPrinter(new KioskApiSettings.UsbPrinter(device)).print(TICKET);
        assertThat(Files.readAllBytes(device)).isEqualTo(expected());
    }

    @Test
    void anUnpluggedUsbPrinterFailsTheTicketWithoutCreatingAFile() {
        Path device = dir.resolve("lp0");
        assertThatThrownBy(() -> new TicketPrinter(new KioskApiSettings.UsbPrinter(device)).print(TICKET))
                .isInstanceOf(IOException.class);
        assertThat(device).doesNotExist();
    }

    @Test
    void controlCharactersInATextNeverBecomePrinterCommands() {
        assertThat(TicketPrinter.encode("A\u001B@B\u001DV")).doesNotContain(0x1B, 0x1D);
    }
}
