package fr.relais.agent.device.probe;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** A measurement that got no answer: its kind, and the library's words for the log. */
public record Failure(FailureKind kind, String detail) {
    private static final int MAX_DETAIL = 200;

    public Failure {
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
    }

    /**
     * Sorts what the JDK threw into a kind. A certificate problem is told apart from other TLS
     * failures: it is the one a technician fixes on the hub (renewal, wrong name, wrong authority),
     * not on the line.
     */
    static Failure of(Throwable thrown) {
        Throwable error = unwrap(thrown);
        String detail = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        return new Failure(kindOf(error), detail);
    }

    private static FailureKind kindOf(Throwable error) {
        if (causedBy(error, CertificateException.class) || causedBy(error, CertPathValidatorException.class)) {
            return FailureKind.CERTIFICATE;
        }
        if (causedBy(error, SSLException.class)) {
            return FailureKind.TLS;
        }
        if (causedBy(error, HttpTimeoutException.class) || causedBy(error, SocketTimeoutException.class)
                || causedBy(error, TimeoutException.class)) {
            return FailureKind.TIMEOUT;
        }
        if (causedBy(error, UnknownHostException.class) || causedBy(error, UnresolvedAddressException.class)) {
            return FailureKind.UNRESOLVED;
        }
        if (causedBy(error, NoRouteToHostException.class) || said(error, "unreachable")) {
            return FailureKind.UNREACHABLE;
        }
        if (causedBy(error, ConnectException.class)) {
            return said(error, "timed out") ? FailureKind.TIMEOUT : FailureKind.REFUSED;
        }
        if (causedBy(error, EOFException.class) || causedBy(error, SocketException.class)
                || said(error, "closed") || said(error, "reset")) {
            return FailureKind.DROPPED;
        }
        return FailureKind.FAILED;
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable error = thrown;
        while ((error instanceof ExecutionException || error instanceof CompletionException) && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean said(Throwable error, String words) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().toLowerCase(Locale.ROOT).contains(words)) {
                return true;
            }
        }
        return false;
    }
}
