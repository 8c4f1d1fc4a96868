package fr.relais.hub.access;

/** Called by hub-cowork after each committed change of a site's data; implemented by hub-access. */
public interface AccessChanges {
    /** Until the hub publishes access lists: a change is only data. */
    AccessChanges NONE = site -> {
    };

    void changed(String site);
}
