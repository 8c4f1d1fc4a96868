package fr.relais.agent.device.scanner;

import fr.relais.agent.device.http.PeerText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads an eSCL {@code ScannerStatus} document with the JDK's parser, hardened: a document
 * type declaration is refused outright, so no external entity (XXE), no external DTD and no
 * entity expansion (a "billion laughs") can ever be read; XInclude is off. Elements are found by
 * their local name under the root, whatever prefixes a manufacturer chose for the eSCL and PWG
 * namespaces.
 */
final class ScannerStatusXml {
    private ScannerStatusXml() {
    }

    static ScannerStatus parse(byte[] xml) throws ScannerUnreachable {
        Element root = document(xml).getDocumentElement();
        if (!"ScannerStatus".equals(root.getLocalName())) {
            throw new ScannerUnreachable("not a ScannerStatus document (its root is <" + root.getNodeName() + ">)");
        }
        int jobs = 0;
        int active = 0;
        Element jobList = child(root, "Jobs");
        if (jobList != null) {
            for (Node node = jobList.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element job && "JobInfo".equals(job.getLocalName())) {
                    jobs++;
                    String jobState = text(job, "JobState");
                    if (jobState.equals("Pending") || jobState.equals("Processing")) {
                        active++;
                    }
                }
            }
        }
        String adf = text(root, "AdfState");
        return new ScannerStatus(state(text(root, "State")), adf.isEmpty() ? Optional.empty() : Optional.of(kebab(adf)),
                jobs, active, PeerText.quote(text(root, "Version")));
    }

    private static Document document(byte[] xml) throws ScannerUnreachable {
        try {
            return hardened().parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            String why = String.valueOf(e.getMessage()).contains("DOCTYPE is disallowed")
                    ? "it declares a DOCTYPE, refused: no DTD or entity is ever read" : PeerText.quoteAscii(e.getMessage());
            throw new ScannerUnreachable("invalid ScannerStatus XML (" + why + ")");
        } catch (IOException e) {
            throw new ScannerUnreachable("unreadable ScannerStatus XML (" + PeerText.quoteAscii(e.getMessage()) + ")");
        }
    }

    private static DocumentBuilder hardened() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The default handler prints "[Fatal Error]" on stderr before throwing: the exception is enough.
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("this JDK's XML parser cannot be hardened", e);
        }
    }

    private static Element child(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element parent, String localName) {
        Element child = child(parent, localName);
        return child == null ? "" : child.getTextContent().strip();
    }

    /** eSCL's states (PWG 5108.01); Testing is a warming-up scanner (HP LaserJet MFPs). */
    private static String state(String value) {
        return switch (value) {
            case "Idle" -> "idle";
            case "Processing" -> "processing";
            case "Testing" -> "testing";
            case "Stopped" -> "stopped";
            case "Down" -> "down";
            default -> "unknown";
        };
    }

    /** {@code ScannerAdfDoorOpen} becomes {@code door-open}; junk keeps letters and digits only. */
    static String kebab(String adfState) {
        String word = adfState.startsWith("ScannerAdf") ? adfState.substring("ScannerAdf".length()) : adfState;
        String kebab = word.replaceAll("[^A-Za-z0-9]", "").replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
        kebab = kebab.length() > 40 ? kebab.substring(0, 40) : kebab;
        return kebab.isEmpty() ? "unknown" : kebab;
    }
}
