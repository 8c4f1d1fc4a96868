package fr.relais.hub.content;

/**
 * Told when what a place's kiosk shows has changed (hours, the van's tour, a workshop, a slot, the
 * queue, an answer), so that the place's content is published again soon. Called after the change
 * is committed; cheap and non-blocking (the publisher coalesces).
 */
public interface ContentChanges {
    ContentChanges NONE = new ContentChanges() {
        @Override
        public void changed(String site) {
        }

        @Override
        public void changedAll() {
        }
    };

    /** Something of this site changed. */
    void changed(String site);

    /** Something every site shows changed (the van's tour is on every kiosk). */
    void changedAll();
}
