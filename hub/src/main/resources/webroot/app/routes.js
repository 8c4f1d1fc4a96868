// The module screens' addresses, all under "#/": each loads its screen's module on first use.
// Every other hash ("", "#flotte", "#coworking", "#queue", "#ateliers", "#rendez-vous", "#horaires",
// "#tournee") belongs to the legacy pages, which their own scripts show until session 3 replaces them.

const ROUTES = [
  { name: "territoire", pattern: /^#\/territoire$/, keys: [], load: () => import("./screens/territoire.js") },
  { name: "lieu", pattern: /^#\/lieu\/([^/?]+)$/, keys: ["site"], load: () => import("./screens/lieu.js") },
  { name: "equipement", pattern: /^#\/equipement\/([^/?]+)\/([^/?]+)(?:\?(.*))?$/,
    keys: ["node", "device", "query"], load: () => import("./screens/equipement.js"), title: "Équipement" },
  { name: "alertes", pattern: /^#\/alertes(?:\?(.*))?$/, keys: ["query"], load: () => import("./screens/alertes.js"),
    title: "Alertes" },
  { name: "commandes", pattern: /^#\/commandes\/([^/?]+)$/, keys: ["node"],
    load: () => import("./screens/commandes.js"), title: "Commandes" },
  { name: "frequentation", pattern: /^#\/frequentation\/([^/?]+)(?:\?(.*))?$/, keys: ["site", "query"],
    load: () => import("./screens/frequentation.js"), title: "Fréquentation" },
  { name: "debit", pattern: /^#\/debit(?:\?(.*))?$/, keys: ["query"], load: () => import("./screens/debit.js"),
    title: "Débit des connexions" },
  { name: "audit", pattern: /^#\/audit(?:\?(.*))?$/, keys: ["query"], load: () => import("./screens/audit.js"),
    title: "Journal d'audit" },
];

const NOT_FOUND = { name: "inconnu", keys: [], load: () => import("./screens/preparation.js"), title: "Page inconnue",
  unknown: true };

/** Whether the module front end shows this address (else a legacy page does). */
export function isScreen(hash) {
  return hash.startsWith("#/");
}

/** { route, params } for a "#/…" address; an unknown one gets the "page inconnue" screen. */
export function match(hash) {
  for (const route of ROUTES) {
    const found = route.pattern.exec(hash);
    if (!found) continue;
    const params = { title: route.title };
    route.keys.forEach((key, i) => {
      params[key] = found[i + 1] === undefined ? "" : decodeURIComponent(found[i + 1]);
    });
    return { route, params };
  }
  return { route: NOT_FOUND, params: { title: NOT_FOUND.title, unknown: true } };
}

/** The address of a screen, its parts encoded: href("lieu", "rozoy") → "#/lieu/rozoy". */
export function href(name, ...parts) {
  return "#/" + [name, ...parts.map((p) => encodeURIComponent(p))].join("/");
}
