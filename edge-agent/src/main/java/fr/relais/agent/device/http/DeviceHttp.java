package fr.relais.agent.device.http;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * HTTP to a device on the local network (a printer's IPP, a scanner's eSCL), bounded in every
 * way a broken or hostile device could stretch it: a connect timeout, one deadline for the whole
 * exchange (headers and body, unlike {@link HttpRequest.Builder#timeout}), and a largest answer.
 * Every failure becomes a {@link DeviceHttpException} whose message a technician can read
 * ("connection refused", "no answer within 8 s", "HTTP 500").
 */
public final class DeviceHttp {
    private final HttpClient http;
    private final Duration deadline;
    private final int maxBytes;

    private DeviceHttp(HttpClient http, Duration deadline, int maxBytes) {
        this.http = http;
        this.deadline = deadline;
        this.maxBytes = maxBytes;
    }

    /**
     * Timeouts within the device's read timeout, so that a slow device gives its own clear reason
     * before the device slot abandons the read: the whole exchange gets four fifths of it, the
     * connection half of that.
     */
    public static DeviceHttp within(Duration readTimeout, int maxBytes) {
        Duration deadline = Duration.ofMillis(Math.max(400, readTimeout.toMillis() * 4 / 5));
        // HTTP/1.1: devices' small web servers do not answer an h2c upgrade well; redirects are not followed,
        // a device that sends one elsewhere is misconfigured and should say so.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(deadline.dividedBy(2)).build();
        return new DeviceHttp(http, deadline, maxBytes);
    }

    public Duration deadline() {
        return deadline;
    }

    /** What came back: any status, the body read whole (at most the largest answer). */
    public record Answer(int status, String contentType, byte[] body) {
        /** Whether the content type is {@code type} (parameters such as the charset aside). */
        public boolean is(String type) {
            return contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip().equals(type);
        }
    }

    public Answer get(URI uri) throws DeviceHttpException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    public Answer post(URI uri, String contentType, byte[] body) throws DeviceHttpException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private Answer send(HttpRequest request) throws DeviceHttpException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, info -> new BoundedBody(maxBytes));
        HttpResponse<byte[]> response;
        try {
            response = future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DeviceHttpException("no answer within " + seconds(deadline) + " s");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw new DeviceHttpException(reason(e.getCause()), e.getCause());
        }
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** Words for a failed exchange; the JDK's messages are often empty or about its internals. */
    static String reason(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException) {
                return "no connection within the connect timeout";
            }
            if (cause instanceof HttpTimeoutException) {
                return "no answer in time";
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host";
            }
            if (cause instanceof SSLException) {
                return "TLS failed" + detail(cause);
            }
            if (cause instanceof TooLargeException) {
                return cause.getMessage();
            }
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                deepest = cause;
            }
        }
        return "not an HTTP answer" + detail(deepest);
    }

    /** The JDK's own words, which quote what a peer sent: junk there is shown as '?'. */
    private static String detail(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? "" : " (" + PeerText.quoteAscii(message) + ")";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0).replace(".0", "");
    }
}
