package fr.relais.agent.uplink;

import fr.relais.agent.config.TlsSettings;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS side of the link, with the JDK alone: a socket factory that trusts only the
 * deployment's CA (not the JVM's public ones), presents the node's certificate when it has one,
 * and speaks TLS 1.3 or 1.2 only. Host name verification is Paho's job: with
 * {@code setHttpsHostnameVerificationEnabled(true)} it sets the HTTPS endpoint identification on
 * each socket before the handshake, so the JDK refuses a broker certificate that does not name
 * the host of {@code broker.url}.
 */
final class BrokerTls {
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** The in-memory key store's password: it never touches a disk, but the API wants one. */
    private static final char[] IN_MEMORY = "relais".toCharArray();

    private BrokerTls() {
    }

    static SSLSocketFactory socketFactory(TlsSettings tls) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int n = 0;
            for (X509Certificate authority : tls.authorities()) {
                trusted.setCertificateEntry("ca-" + n++, authority);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            KeyManager[] keys = null;
            if (tls.client().isPresent()) {
                TlsSettings.ClientIdentity client = tls.client().get();
                KeyStore identity = KeyStore.getInstance("PKCS12");
                identity.load(null, null);
                identity.setKeyEntry("node", client.key(), IN_MEMORY, client.chain().toArray(new Certificate[0]));
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(identity, IN_MEMORY);
                keys = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust.getTrustManagers(), new SecureRandom());
            return new ModernProtocols(context.getSocketFactory());
        } catch (GeneralSecurityException | IOException e) {
            // The loader has parsed every file; this would be a JVM without PKCS12 or TLS.
            throw new IllegalStateException("cannot set up TLS with " + tls.caFile() + ": " + e, e);
        }
    }

    /**
     * Why a connection failed, in words, from the whole chain of causes: Paho's own message
     * ("Unable to connect to server", or just "MqttException") hides the handshake failure.
     *
     * @param privateCa whether {@code broker.tls} names the CA, for the hint
     */
    static String explain(Throwable failure, String url, boolean privateCa) {
        List<String> reasons = new ArrayList<>();
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            // Wrappers repeat the message of their cause; Paho's generic one says nothing.
            if (!message.equals("MqttException") && reasons.stream().noneMatch(known -> known.contains(message))) {
                reasons.add(message);
            }
        }
        String why = reasons.isEmpty() ? failure.toString() : String.join(": ", reasons);
        String hint = hint(chain, String.join(" ", reasons).toLowerCase(Locale.ROOT), url, privateCa);
        return hint == null ? why : why + " (" + hint + ")";
    }

    /** The likeliest reason, from the most specific clue: an expired certificate also fails the PKIX check. */
    private static String hint(List<Throwable> chain, String text, String url, boolean privateCa) {
        if (chain.stream().anyMatch(cause -> cause instanceof CertificateExpiredException
                || cause instanceof CertificateNotYetValidException) || text.contains("validity check failed")) {
            return "a certificate is outside its validity period; is the clock of this node right?";
        }
        if (chain.stream().anyMatch(CertPathBuilderException.class::isInstance)
                || text.contains("pkix path building")) {
            return privateCa ? "the broker's certificate is not signed by the CA of broker.tls.caFile"
                    : "no CA the JVM trusts signed the broker's certificate; a private CA goes in broker.tls.caFile";
        }
        if (text.contains("no subject alternative") || text.contains("no name matching")) {
            return "the broker's certificate does not name the host of " + url;
        }
        if (text.contains("certificate_required")) {
            return "the broker wants a client certificate: broker.tls.certFile and keyFile";
        }
        // Which of these the client sees depends on when the broker hangs up.
        boolean hungUp = chain.stream().anyMatch(EOFException.class::isInstance) || text.contains("broken pipe")
                || text.contains("connection reset") || text.contains("unknown_ca") || text.contains("bad_certificate");
        if (url.startsWith("ssl://") && hungUp) {
            return "the broker closed the TLS connection; if it requires client certificates, is"
                    + " broker.tls.certFile signed by a CA it trusts?";
        }
        return null;
    }

    /** Restricts every socket to TLS 1.3 and 1.2, whatever the JVM's defaults allow. */
    private static final class ModernProtocols extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        ModernProtocols(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        private static Socket restrict(Socket socket) {
            if (socket instanceof SSLSocket ssl) {
                ssl.setEnabledProtocols(PROTOCOLS.toArray(new String[0]));
            }
            return socket;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return restrict(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return restrict(delegate.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return restrict(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return restrict(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return restrict(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return restrict(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
