package fr.relais.agent.device.badge;

/** The reader went away while it was read (unplugged, end of stream, I/O error). */
final class ReaderGoneException extends Exception {
    ReaderGoneException(String reason) {
        super(reason);
    }
}
