package fr.relais.agent.device.scanner;

import fr.relais.agent.device.http.DeviceHttp;
import fr.relais.agent.device.http.DeviceHttpException;
import fr.relais.agent.device.http.PeerText;
import java.net.URI;
import java.time.Duration;

/** A scanner over eSCL: {@code GET …/ScannerStatus}, the answer checked before it is parsed. */
final class EsclClient implements ScannerLink {
    /** A status is a few kilobytes even with a long job list. */
    static final int MAX_ANSWER_BYTES = 256 * 1024;

    private final URI statusUrl;
    private final DeviceHttp http;

    EsclClient(URI statusUrl, DeviceHttp http) {
        this.statusUrl = statusUrl;
        this.http = http;
    }

    static EsclClient create(URI statusUrl, Duration readTimeout) {
        return new EsclClient(statusUrl, DeviceHttp.within(readTimeout, MAX_ANSWER_BYTES));
    }

    @Override
    public ScannerStatus status() throws ScannerUnreachable, InterruptedException {
        DeviceHttp.Answer answer;
        try {
            answer = http.get(statusUrl);
        } catch (DeviceHttpException e) {
            throw new ScannerUnreachable(e.getMessage());
        }
        if (answer.status() != 200) {
            throw new ScannerUnreachable("HTTP " + answer.status() + " from " + statusUrl);
        }
        // eSCL says text/xml; some scanners say application/xml or nothing. A web page is not a status.
        if (!answer.contentType().isEmpty() && !answer.is("text/xml") && !answer.is("application/xml")) {
            throw new ScannerUnreachable("not a ScannerStatus (" + PeerText.quote(answer.contentType())
                    + " instead of text/xml)");
        }
        return ScannerStatusXml.parse(answer.body());
    }
}
