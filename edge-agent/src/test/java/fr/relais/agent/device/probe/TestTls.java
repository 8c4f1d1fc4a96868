package fr.relais.agent.device.probe;

import fr.relais.agent.config.TestPki;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The TLS side of a loopback HTTPS server, from a certificate of the tests' private CA. */
final class TestTls {
    private static final char[] PASSWORD = "test".toCharArray();

    private TestTls() {
    }

    static SSLContext server(TestPki authority, TestPki.Issued issued) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", issued.keys().getPrivate(), PASSWORD,
                    new Certificate[] {issued.certificate(), authority.certificate()});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
