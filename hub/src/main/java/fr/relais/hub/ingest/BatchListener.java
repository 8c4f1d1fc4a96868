package fr.relais.hub.ingest;

/** Hears of every ingestion batch committed, for the hub's metrics. Called on the writer thread. */
public interface BatchListener {
    BatchListener NONE = (messages, nanos) -> { };

    /**
     * @param messages how many messages the transaction held
     * @param nanos    from the start of its writing to the end of its commit
     */
    void committed(int messages, long nanos);
}
