package fr.relais.hub.access;

/** What the site's doors may let in now: the grants (hashes only) and the revoked hashes. */
public interface CoworkingGrants {
    SiteGrants grants(String site, java.time.Instant now);   // implemented by hub-cowork (store)

    java.util.List<String> accessSites();                  // sites having coworking data
}
