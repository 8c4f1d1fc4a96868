package fr.relais.bench.access;

/** Placeholder replaced once the hub's publisher is merged. */
final class ListSync {
    private ListSync() {
    }

    static long measure(int badges) {
        throw new UnsupportedOperationException("list sync: run with --no-sync until the hub publisher is wired");
    }
}
