// The territory as GET /api/territory gives it. Until the hub serves that route, the same shape is
// built from the routes it already has (places, communes, sites, nodes, devices, open alerts, the van's
// visits), so that the screen works now and switches by itself once the route lands.
import { fetchAll, getJson, hubHas } from "../lib/http.js";
import { HEALTH_RANK } from "../lib/labels.js";
import { today } from "../lib/format.js";

export const PLACE_WORDS = {
  ok: "Tout fonctionne", warning: "À surveiller", critical: "En panne ou injoignable", unknown: "État inconnu",
};

export async function loadTerritory() {
  if (await hubHas("/api/territory")) {
    const answer = await getJson("/api/territory");
    return { ...answer, complete: true };
  }
  return fromRegistry();
}

function worstOf(healths) {
  return healths.reduce((worst, health) => (HEALTH_RANK[health] < HEALTH_RANK[worst] ? health : worst), "ok");
}

async function fromRegistry() {
  const [places, communes, sites, nodes, devices, alerts] = await Promise.all([
    fetchAll("/api/places"), fetchAll("/api/van/communes"), fetchAll("/api/sites"), fetchAll("/api/nodes"),
    fetchAll("/api/devices"), fetchAll("/api/alerts?state=active")]);
  const complete = [places, communes, sites, nodes, devices, alerts].every((list) => list.complete);
  const communeById = new Map(communes.items.map((c) => [c.id, c]));
  const bySite = new Map();
  for (const place of places.items) {
    const commune = place.commune ? communeById.get(place.commune.id) : null;
    // A place with data but no registered site yet (no box has spoken) has no name of its own.
    const name = place.name || (place.commune ? place.commune.name + " — " : "") + place.site;
    bySite.set(place.site, { site: place.site, name, kind: place.kind,
      commune: place.commune ? place.commune.id : null, communeName: place.commune ? place.commune.name : null,
      lat: place.lat ?? (commune ? commune.lat : null), lon: place.lon ?? (commune ? commune.lon : null),
      example: place.example });
  }
  for (const site of sites.items) {
    if (!bySite.has(site.id)) {
      bySite.set(site.id, { site: site.id, name: site.name, kind: site.kind, commune: null, communeName: null,
        lat: null, lon: null });
    }
  }
  const result = [];
  for (const place of bySite.values()) {
    const itsNodes = nodes.items.filter((n) => n.site === place.site);
    const itsDevices = devices.items.filter((d) => d.site === place.site);
    const itsAlerts = alerts.items.filter((a) => a.site === place.site);
    const count = { ok: 0, warning: 0, critical: 0, unknown: 0 };
    itsDevices.forEach((d) => { count[d.health] = (count[d.health] || 0) + 1; });
    // A node lost or fallen silent is critical: nothing of the place is known any more.
    const nodeHealth = itsNodes.map((n) => (n.online ? "ok" : n.state === "offline" ? "warning" : "critical"));
    const worst = itsNodes.length ? worstOf([...nodeHealth, ...itsDevices.map((d) => d.health)]) : "unknown";
    result.push({ ...place, worst, healthWord: itsNodes.length ? PLACE_WORDS[worst] : "Aucun boîtier connu",
      nodes: { online: itsNodes.filter((n) => n.online).length, total: itsNodes.length,
        lastSeen: itsNodes.map((n) => n.lastSeen).filter(Boolean).sort().pop() || null },
      devices: count,
      alerts: { critical: itsAlerts.filter((a) => a.severity === "critical").length,
        warning: itsAlerts.filter((a) => a.severity === "warning").length } });
  }
  const vanPlace = result.find((p) => p.kind === "van");
  return {
    example: places.items.some((p) => p.example),
    communes: communes.items.map((c) => ({ id: c.id, name: c.name, lat: c.lat, lon: c.lon,
      vanServed: Boolean(c.vanServed), roadmap: Boolean(c.roadmap) })),
    places: result,
    van: vanPlace ? await vanOf(vanPlace, communeById) : null,
    complete,
  };
}

async function vanOf(place, communeById) {
  const visits = await getJson("/api/van/visits?limit=20").then((a) => a.items || []).catch(() => []);
  const day = today();
  const stop = (visit) => {
    const commune = communeById.get(visit.commune) || {};
    return { commune: visit.commune, communeName: visit.communeName, lat: commune.lat, lon: commune.lon,
      place: visit.place, starts: visit.start, ends: visit.end, day: today(new Date(visit.start)) };
  };
  const live = visits.filter((v) => v.status !== "cancelled");
  const now = Date.now();
  const current = live.find((v) => today(new Date(v.start)) === day && Date.parse(v.end) > now);
  const next = live.find((v) => Date.parse(v.start) > now && v !== current);
  return { site: place.site, name: place.name, worst: place.worst, lastSeen: place.nodes.lastSeen,
    today: current ? stop(current) : null, next: next ? stop(next) : null };
}
