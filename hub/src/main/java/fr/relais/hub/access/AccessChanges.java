package fr.relais.hub.access;

/** Called by hub-cowork after each committed change of a site's data; implemented by hub-access. */
public interface AccessChanges { void changed(String site); }
