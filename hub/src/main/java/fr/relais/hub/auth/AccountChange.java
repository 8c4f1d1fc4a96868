package fr.relais.hub.auth;

/** What a {@code PATCH /api/accounts/{username}} asks to change; null fields stay as they are. */
record AccountChange(String password, Role role, String site, Boolean disabled) {
}
