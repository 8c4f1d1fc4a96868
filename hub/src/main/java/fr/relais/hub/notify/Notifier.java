package fr.relais.hub.notify;

/** Tells the technicians; returns at once, whatever the mail server or the webhook do. */
@FunctionalInterface
public interface Notifier {
    void notify(Notice notice);

    static Notifier none() {
        return notice -> { };
    }
}
