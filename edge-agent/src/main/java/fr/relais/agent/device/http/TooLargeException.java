package fr.relais.agent.device.http;

import java.io.IOException;

/** An answer longer than a device's answers ever are: refused before it fills the memory. */
final class TooLargeException extends IOException {
    TooLargeException(int maxBytes) {
        super("answer larger than " + maxBytes + " bytes");
    }
}
