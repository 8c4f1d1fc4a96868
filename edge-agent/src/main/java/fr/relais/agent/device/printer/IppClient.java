package fr.relais.agent.device.printer;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.AttributeGroup;
import com.hp.jipp.encoding.IppPacket;
import com.hp.jipp.encoding.KeyValues;
import com.hp.jipp.encoding.Stringable;
import com.hp.jipp.encoding.Tag;
import com.hp.jipp.model.Status;
import com.hp.jipp.model.Types;
import fr.relais.agent.device.http.DeviceHttp;
import fr.relais.agent.device.http.DeviceHttpException;
import fr.relais.agent.device.http.PeerText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A printer over IPP (RFC 8011) through jipp, each request POSTed as {@code application/ipp}. jipp
 * only encodes and decodes; the answers are checked here (HTTP status, content type, IPP status)
 * and turned into plain text attributes before any parsing of the printer's state.
 */
final class IppClient implements PrinterLink {
    /** What is asked for: the state, the consumables, the page counters, who it is. */
    static final List<String> REQUESTED = List.of("printer-state", "printer-state-reasons", "printer-state-message",
            "printer-supply", "printer-supply-description", "marker-names", "marker-levels", "marker-types",
            "marker-colors", "printer-make-and-model", "printer-uuid", "printer-up-time",
            "printer-impressions-completed", "printer-pages-completed", "printer-media-sheets-completed");
    /** Far above the few kilobytes these attributes take. */
    static final int MAX_ANSWER_BYTES = 1 << 20;
    private static final String USER = "relais";
    private static final String IPP = "application/ipp";

    private final PrinterAddress address;
    private final DeviceHttp http;

    IppClient(PrinterAddress address, DeviceHttp http) {
        this.address = address;
        this.http = http;
    }

    static IppClient create(PrinterAddress address, Duration readTimeout) {
        return new IppClient(address, DeviceHttp.within(readTimeout, MAX_ANSWER_BYTES));
    }

    @Override
    public PrinterStatus status() throws PrinterUnreachable, InterruptedException {
        IppPacket request = IppPacket.getPrinterAttributes(address.printerUri())
                .putOperationAttributes(Types.requestingUserName.of(USER), Types.requestedAttributes.of(REQUESTED))
                .build();
        AttributeGroup printer = exchange(request, new byte[0]).get(Tag.printerAttributes);
        if (printer == null) {
            throw new PrinterUnreachable("the IPP answer holds no printer attributes");
        }
        return PrinterStatus.of(texts(printer));
    }

    @Override
    public long printText(String jobName, String text) throws PrinterUnreachable, InterruptedException {
        IppPacket request = IppPacket.printJob(address.printerUri())
                .putOperationAttributes(Types.requestingUserName.of(USER), Types.jobName.of(jobName),
                        Types.documentFormat.of("text/plain"))
                .build();
        IppPacket answer = exchange(request, text.getBytes(StandardCharsets.UTF_8));
        AttributeGroup job = answer.get(Tag.jobAttributes);
        Attribute<?> id = job == null ? null : job.get(Types.jobId.getName());
        if (id == null || id.isEmpty() || !(id.get(0) instanceof Integer jobId)) {
            throw new PrinterUnreachable("the printer accepted the job but gave no job-id");
        }
        return jobId;
    }

    private IppPacket exchange(IppPacket request, byte[] document) throws PrinterUnreachable, InterruptedException {
        DeviceHttp.Answer answer;
        try {
            answer = http.post(address.httpUri(), IPP, encode(request, document));
        } catch (DeviceHttpException e) {
            throw new PrinterUnreachable(e.getMessage());
        }
        if (answer.status() != 200) {
            throw new PrinterUnreachable("HTTP " + answer.status() + " from " + address.httpUri());
        }
        if (!answer.contentType().isEmpty() && !answer.is(IPP)) {
            throw new PrinterUnreachable("not an IPP answer (" + PeerText.quote(answer.contentType())
                    + " instead of " + IPP + ")");
        }
        IppPacket packet = decode(answer.body());
        if (packet.getCode() >= 0x0400) {
            Status status = packet.getStatus();
            throw new PrinterUnreachable("IPP error " + status.getName() + " (0x" + Integer.toHexString(packet.getCode())
                    + ")");
        }
        return packet;
    }

    private static byte[] encode(IppPacket request, byte[] document) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            request.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to memory cannot fail", e);
        }
        bytes.writeBytes(document);
        return bytes.toByteArray();
    }

    /** jipp throws what it likes on garbage (its ParseError, EOF, a negative array size): all of it is one answer. */
    private static IppPacket decode(byte[] body) throws PrinterUnreachable {
        try {
            return IppPacket.parse(new ByteArrayInputStream(body));
        } catch (IOException | RuntimeException e) {
            throw new PrinterUnreachable("garbled IPP answer (" + body.length + " bytes: "
                    + PeerText.quoteAscii(e.getMessage()) + ")");
        }
    }

    /** The group's values as text: enums as their number, octet strings (printer-supply) as written. */
    static PrinterAttributes texts(AttributeGroup group) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Attribute<?> attribute : group) {
            List<String> texts = new ArrayList<>();
            for (Object value : attribute) {
                texts.add(text(value));
            }
            values.putIfAbsent(attribute.getName(), texts);
        }
        return new PrinterAttributes(values);
    }

    private static String text(Object value) {
        if (value instanceof KeyValues keyValues) {
            return keyValues.get_encoded() != null ? keyValues.get_encoded() : keyValues.combine();
        }
        if (value instanceof com.hp.jipp.encoding.Enum number) {
            return Integer.toString(number.getCode());
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof Stringable stringable) {
            return stringable.asString();
        }
        return String.valueOf(value);
    }
}
