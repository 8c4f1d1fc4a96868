package fr.relais.agent.device.scanner;

/** What the agent asks of a scanner, whatever protocol carries it. */
interface ScannerLink {
    ScannerStatus status() throws ScannerUnreachable, InterruptedException;
}
