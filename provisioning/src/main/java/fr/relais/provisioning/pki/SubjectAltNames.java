package fr.relais.provisioning.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

/**
 * The names a server certificate is valid for: DNS names, or IP addresses when the text is an
 * IPv4/IPv6 literal (a node that reaches the broker by address checks an iPAddress entry, not a
 * DNS one). Names are compared in a canonical form ("dns:host", "ip:address") so that a
 * certificate read back from disk can be compared with what the inventory asks for.
 */
final class SubjectAltNames {
    /** RFC 1123 host names; the inventory has no business with wildcards or underscores. */
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private SubjectAltNames() {
    }

    /** @throws IllegalArgumentException for no names, or one that is neither a host name nor an IP literal */
    static List<String> canonical(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("A server certificate needs at least one DNS name or IP address");
        }
        List<String> canonical = new ArrayList<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("Empty name in the server certificate names " + names);
            }
            String entry = canonical(name);
            if (canonical.contains(entry)) {
                throw new IllegalArgumentException("The name '" + name + "' is listed twice in " + names);
            }
            canonical.add(entry);
        }
        return canonical;
    }

    static GeneralNames toGeneralNames(List<String> names) {
        List<GeneralName> general = new ArrayList<>();
        for (String entry : canonical(names)) {
            String value = entry.substring(entry.indexOf(':') + 1);
            general.add(entry.startsWith("ip:") ? new GeneralName(GeneralName.iPAddress, value)
                    : new GeneralName(GeneralName.dNSName, value));
        }
        return new GeneralNames(general.toArray(GeneralName[]::new));
    }

    /** The certificate's DNS and IP entries, canonical and in order; empty when it has none. */
    static List<String> of(X509Certificate certificate) {
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            List<String> canonical = new ArrayList<>();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int type = (Integer) entry.get(0);
                    if (type == GeneralName.dNSName) {
                        canonical.add("dns:" + entry.get(1).toString().toLowerCase(Locale.ROOT));
                    } else if (type == GeneralName.iPAddress) {
                        canonical.add("ip:" + literal(entry.get(1).toString()).getHostAddress());
                    } else {
                        canonical.add("other:" + entry.get(1));
                    }
                }
            }
            return canonical;
        } catch (CertificateParsingException | IllegalArgumentException e) {
            return List.of("unreadable"); // never equal to what we ask for: the certificate is replaced
        }
    }

    private static String canonical(String name) {
        String trimmed = name.strip();
        if (IPAddress.isValid(trimmed)) {
            return "ip:" + literal(trimmed).getHostAddress();
        }
        if (trimmed.matches("[0-9.]+")) {
            // A host name never ends in an all-numeric label (RFC 3696): this is a mistyped address.
            throw new IllegalArgumentException("'" + name + "' looks like an IPv4 address but is not a valid one");
        }
        if (!DNS_NAME.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + name + "' is neither a host name (letters, digits, '-' and '.') nor "
                    + "an IPv4/IPv6 address");
        }
        return "dns:" + trimmed.toLowerCase(Locale.ROOT);
    }

    /** Only ever called on validated literals, so no DNS lookup happens. */
    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address", e);
        }
    }
}
