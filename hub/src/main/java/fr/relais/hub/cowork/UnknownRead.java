package fr.relais.hub.cowork;

/** A badge read that no badge of the site matched: what enrolment picks from. */
record UnknownRead(String id, String site, String node, String reader, String door, String hash, long at) {
}
