// The screens' addresses, all under "#/": each loads its screen's module on first use. The addresses of
// the pages before the module screens ("#flotte", "#coworking", "#queue"…) still work: main.js sends them
// to the screen that replaced each (LEGACY below), so a bookmark kept by a mediator is not broken.

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
  // The places' own pages: the site is optional in the address; without it, the screen takes the
  // account's place or the first the account may run, and writes it into the address.
  { name: "coworking", pattern: /^#\/coworking(?:\/([^/?]+))?(?:\?(.*))?$/, keys: ["site", "query"],
    load: () => import("./screens/coworking.js"), title: "Coworking" },
  { name: "file", pattern: /^#\/file(?:\/([^/?]+))?$/, keys: ["site"], load: () => import("./screens/file.js"),
    title: "File d'attente" },
  { name: "ateliers", pattern: /^#\/ateliers(?:\/([^/?]+))?$/, keys: ["site"],
    load: () => import("./screens/ateliers.js"), title: "Ateliers" },
  { name: "rendez-vous", pattern: /^#\/rendez-vous(?:\/([^/?]+))?(?:\?(.*))?$/, keys: ["site", "query"],
    load: () => import("./screens/rendez-vous.js"), title: "Rendez-vous" },
  { name: "horaires", pattern: /^#\/horaires(?:\/([^/?]+))?$/, keys: ["site"],
    load: () => import("./screens/horaires.js"), title: "Horaires" },
  { name: "tournee", pattern: /^#\/tournee$/, keys: [], load: () => import("./screens/tournee.js"),
    title: "Tournée du bus France Services" },
];

/** The old pages' addresses and the screen each became. */
export const LEGACY = { "#flotte": null, "#coworking": "#/coworking", "#queue": "#/file", "#ateliers": "#/ateliers",
  "#rendez-vous": "#/rendez-vous", "#horaires": "#/horaires", "#tournee": "#/tournee" };

const NOT_FOUND = { name: "inconnu", keys: [], load: () => import("./screens/inconnu.js"), title: "Page inconnue",
  unknown: true };

/** Whether this address names a screen ("#/…"); "", "#" and the old addresses are sent on by main.js. */
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
