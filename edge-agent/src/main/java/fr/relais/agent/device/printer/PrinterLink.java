package fr.relais.agent.device.printer;

/** What the agent asks of a printer, whatever protocol carries it. */
interface PrinterLink {
    /** Its state now. */
    PrinterStatus status() throws PrinterUnreachable, InterruptedException;

    /** Prints a short text; returns the printer's job id. */
    long printText(String jobName, String text) throws PrinterUnreachable, InterruptedException;
}
