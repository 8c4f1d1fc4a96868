package fr.relais.agent.device.printer;

/**
 * The printer did not answer, or answered something that is not a usable IPP answer (an HTTP
 * error, a web page, garbled bytes, an IPP error status); the message says which.
 */
final class PrinterUnreachable extends Exception {
    PrinterUnreachable(String message) {
        super(message);
    }
}
