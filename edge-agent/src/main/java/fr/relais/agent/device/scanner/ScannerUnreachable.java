package fr.relais.agent.device.scanner;

/**
 * The scanner did not answer, or answered something that is not a usable {@code ScannerStatus}
 * (an HTTP error, a web page, broken or hostile XML); the message says which.
 */
final class ScannerUnreachable extends Exception {
    ScannerUnreachable(String message) {
        super(message);
    }
}
