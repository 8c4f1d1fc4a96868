package fr.relais.agent.localapi;

import fr.relais.agent.config.KioskApiSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Prints a queue ticket on a receipt printer in ESC/POS, the command set every thermal receipt
 * printer speaks: over the network (raw TCP, port 9100) or to a USB printer's device file
 * ({@code /dev/usb/lp0}, the kernel's usblp driver). One ticket, one short write: nothing is kept
 * open, so a printer switched off or unplugged fails one ticket, not the kiosk.
 */
public final class TicketPrinter {
    static final byte ESC = 0x1B;
    static final byte GS = 0x1D;
    static final int CONNECT_TIMEOUT_MILLIS = 3_000;
    static final int WRITE_TIMEOUT_MILLIS = 5_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH 'h' mm");
    /** Western European code page 850: the French accents print; selected with ESC t 2. */
    private static final Charset PC850 = Charset.isSupported("IBM850") ? Charset.forName("IBM850") : null;

    private final KioskApiSettings.PrinterTarget target;

    public TicketPrinter(KioskApiSettings.PrinterTarget target) {
        this.target = target;
    }

    /** What is printed on one ticket. */
    public record Ticket(String place, String label, String topicName, ZonedDateTime takenAt) {
    }

    /** @throws IOException when the printer cannot be reached or refuses the bytes */
    public void print(Ticket ticket) throws IOException {
        byte[] bytes = escPos(ticket);
        if (target instanceof KioskApiSettings.NetworkPrinter network) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(network.host(), network.port()), CONNECT_TIMEOUT_MILLIS);
                socket.setSoTimeout(WRITE_TIMEOUT_MILLIS);
                OutputStream out = socket.getOutputStream();
                out.write(bytes);
                out.flush();
                socket.shutdownOutput();
            }
        } else if (target instanceof KioskApiSettings.UsbPrinter usb) {
            // The device file exists only while the printer is plugged in: no CREATE.
            Files.write(usb.path(), bytes, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
    }

    /** The ticket in ESC/POS: init, code page, centred, place, the label double size, topic, time, feed, cut. */
    static byte[] escPos(Ticket ticket) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {ESC, '@'});
        if (PC850 != null) {
            out.writeBytes(new byte[] {ESC, 't', 2});
        }
        out.writeBytes(new byte[] {ESC, 'a', 1});
        line(out, ticket.place());
        out.writeBytes(new byte[] {ESC, 'd', 1});
        out.writeBytes(new byte[] {GS, '!', 0x11});
        line(out, ticket.label());
        out.writeBytes(new byte[] {GS, '!', 0x00});
        out.writeBytes(new byte[] {ESC, 'd', 1});
        line(out, ticket.topicName());
        line(out, TIME.format(ticket.takenAt()));
        out.writeBytes(new byte[] {ESC, 'd', 4});
        out.writeBytes(new byte[] {GS, 'V', 66, 0});
        return out.toByteArray();
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes(encode(text));
        out.write('\n');
    }

    /** In code page 850 when the runtime has it; otherwise plain ASCII without accents (never mojibake). */
    static byte[] encode(String text) {
        String clean = text.replaceAll("[\\p{Cntrl}]", " ");
        if (PC850 != null) {
            return clean.getBytes(PC850);
        }
        String ascii = Normalizer.normalize(clean, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "TicketPrinter[" + target + "]";
    }
}
