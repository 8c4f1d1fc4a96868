// What the agents report, in French with units: the metric names the edge agent's drivers, its
// simulated devices and the hub's alert rules use. A metric not listed here is still shown, raw,
// under "Autres mesures": a new driver's figures are never hidden.
import { number } from "./format.js";

export const HEALTH_WORDS = { ok: "Fonctionne", warning: "À surveiller", critical: "En panne", unknown: "État inconnu" };
export const HEALTH_RANK = { critical: 0, warning: 1, unknown: 2, ok: 3 };
export const KIND_WORDS = {
  mediation: "Médiation numérique", coworking: "Coworking", van: "Bus France Services",
  printer: "Imprimante", scanner: "Scanner", probe: "Sonde de connexion", kiosk: "Borne", computer: "Ordinateur",
  "badge-reader": "Lecteur de badges", door: "Porte", "presence-sensor": "Capteur de présence",
};
export const NODE_STATE_WORDS = { online: "en ligne", offline: "hors ligne", lost: "perdu", unknown: "état inconnu" };

const yesNo = (yes, no) => (value) => (value === true || value === "true" || value === 1 ? yes : no);
const unit = (symbol, digits = 0) => (value) => number(value, digits) + (symbol ? " " + symbol : "");
const seconds = (value) => {
  const s = Number(value);
  if (s < 120) return number(s) + " s";
  if (s < 7200) return number(Math.round(s / 60)) + " min";
  if (s < 172800) return number(Math.round(s / 3600)) + " h";
  return number(Math.round(s / 86400)) + " j";
};
const LINKS = { fibre: "Fibre", fiber: "Fibre", adsl: "ADSL", vdsl: "VDSL", "4g": "4G", lte: "4G", "5g": "5G",
  satellite: "Satellite", ethernet: "Ethernet", wifi: "Wi-Fi" };

/** metric → [label, format]; order here is the order on screen. */
export const METRICS = {
  tonerPercent: ["Toner", unit("%")],
  paperOut: ["Papier", yesNo("Vide", "OK")],
  paperJam: ["Bourrage papier", yesNo("Oui", "Non")],
  pagesPrinted: ["Pages imprimées", unit("")],
  jobsActive: ["Impressions en cours", unit("")],
  problem: ["Problème signalé", String],
  adfLoaded: ["Chargeur de documents", yesNo("Chargé", "Vide")],
  link: ["Connexion", (v) => LINKS[String(v).toLowerCase()] || String(v)],
  linkUp: ["Lien", yesNo("Actif", "Coupé")],
  latencyMedianMs: ["Latence", unit("ms")],
  latencyMinMs: ["Latence minimale", unit("ms")],
  latencyMaxMs: ["Latence maximale", unit("ms")],
  lossPercent: ["Pertes", unit("%", 1)],
  throughputMbps: ["Débit", unit("Mbit/s", 1)],
  dnsMs: ["Résolution DNS", unit("ms")],
  dnsFailed: ["Échec DNS", yesNo("Oui", "Non")],
  httpsTtfbMs: ["Réponse HTTPS", unit("ms")],
  httpsStatus: ["Statut HTTPS", String],
  targetsUp: ["Cibles joignables", unit("")],
  cpuTemperatureC: ["Température", unit("°C")],
  cpuThrottled: ["Processeur ralenti", yesNo("Oui", "Non")],
  underVoltage: ["Sous-tension", yesNo("Oui", "Non")],
  diskUsedPercent: ["Disque utilisé", unit("%")],
  diskFreeMegabytes: ["Disque libre", unit("Mo")],
  memAvailableMegabytes: ["Mémoire disponible", unit("Mo")],
  uptimeSeconds: ["En marche depuis", seconds],
  upTimeSeconds: ["En marche depuis", seconds],
  outboxDepth: ["Messages en attente", unit("")],
  outboxOldestAgeSeconds: ["Plus ancien message en attente", seconds],
  clockSynced: ["Horloge", yesNo("Synchronisée", "Non synchronisée")],
  present: ["Personnes présentes", unit("")],
  entries: ["Entrées", unit("")],
  exits: ["Sorties", unit("")],
  occupied: ["Salle", yesNo("Occupée", "Libre")],
  occupiedMinutes: ["Minutes d'occupation", unit("min")],
  occupiedMinutesThisHour: ["Occupation cette heure", unit("min")],
  motion: ["Mouvement", yesNo("Oui", "Non")],
  open: ["Porte", yesNo("Ouverte", "Fermée")],
  heldOpen: ["Porte maintenue ouverte", yesNo("Oui", "Non")],
  forcedOpen: ["Porte forcée", yesNo("Oui", "Non")],
  accessGranted: ["Accès accordés", unit("")],
  accessDenied: ["Accès refusés", unit("")],
  accessListStale: ["Liste d'accès", yesNo("Périmée", "À jour")],
  accessListAgeSeconds: ["Âge de la liste d'accès", seconds],
  screen: ["Écran", String],
  unitState: ["Service", String],
  unitRestarts: ["Redémarrages du service", unit("")],
  heartbeatAgeSeconds: ["Dernier signe de vie", seconds],
};

/**
 * A reading in words: { known: [{name, label, value, text}], others: [{name, text}] }, where text is
 * "Toner : 73 %" for a known metric and "fooBar : 12" for one this page does not know.
 */
export function describe(metrics) {
  const known = [];
  const others = [];
  if (!metrics) return { known, others };
  for (const [name, [label, format]] of Object.entries(METRICS)) {
    if (!(name in metrics) || metrics[name] === null || typeof metrics[name] === "object") continue;
    const value = format(metrics[name]);
    known.push({ name, label, value, text: label + " : " + value });
  }
  for (const [name, raw] of Object.entries(metrics)) {
    if (name in METRICS && typeof raw !== "object") continue;
    others.push({ name, text: name + " : " + (typeof raw === "object" ? JSON.stringify(raw) : String(raw)) });
  }
  return { known, others };
}
