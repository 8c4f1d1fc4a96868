// Territoire, the technicians' home: every place on a map and in a list, worst news first, the
// health in words as well as colour; open alerts by severity; where the van is today and next.
// Below 600 px the map gives way to the list (css/territoire.css).
import { h, keyed, text } from "../lib/dom.js";
import { drawMap } from "../lib/map.js";
import { HEALTH_RANK, KIND_WORDS } from "../lib/labels.js";
import { longDay, plural, since, time } from "../lib/format.js";
import { LoggedOut, getJson } from "../lib/http.js";
import { href } from "../routes.js";

export const title = "Territoire";
const SYMBOLS = { ok: "✓", warning: "!", critical: "✕", unknown: "?" };

let view = null;

export function mount(el, params, ctx) {
  const notice = h("p", { class: "notice", role: "status" });
  const mapHolder = h("div", { class: "map-holder" });
  const mapPanel = h("div", { class: "map-panel" }, mapHolder,
    h("p", { class: "map-legend", text: "✓ tout fonctionne · ! à surveiller · ✕ en panne ou injoignable · ? état "
      + "inconnu · • commune desservie par le bus" }));
  const list = h("ol", { class: "place-list", id: "places" });
  const van = h("section", { class: "van-panel", "aria-labelledby": "van-title" },
    h("h3", { id: "van-title", text: "Bus France Services" }),
    h("p", {}, h("a", { class: "van-link" }), " ", h("span", { class: "health-word" })),
    h("p", { class: "van-where" }));
  el.append(h("div", { class: "screen territoire" },
    h("h2", { text: "Territoire" }), notice,
    h("div", { class: "territory-layout" }, mapPanel,
      h("section", { class: "places-panel", "aria-labelledby": "places-title" },
        h("h3", { id: "places-title", text: "Lieux, du plus urgent au plus calme" }),
        h("p", { class: "alert-total" }), list),
      van)));
  view = { el, notice, mapHolder, list, van, mapKey: null, session: 0, offs: [], timer: null };
  const soon = () => {
    // A burst of readings is drawn once.
    clearTimeout(view.timer);
    view.timer = setTimeout(load, 500);
  };
  view.offs = ["device", "node", "alert"].map((type) => ctx.live.on(type, soon))
    .concat(["refresh", "reset"].map((type) => ctx.live.on(type, load)));
  return load();
}

export function unmount() {
  if (!view) return;
  view.offs.forEach((off) => off());
  clearTimeout(view.timer);
  view.session++;
  view = null;
}

async function load() {
  if (!view) return;
  const mine = ++view.session;
  const current = view;
  try {
    // One answer holds it all, worst first, a site-scoped account's own place only (TerritoryView).
    const territory = await getJson("/api/territory");
    if (current !== view || mine !== view.session) return;
    draw(territory);
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) text(view.notice, "Le hub ne répond pas : " + error.message);
  }
}

function sorted(places) {
  return [...places].sort((a, b) => HEALTH_RANK[a.worst] - HEALTH_RANK[b.worst]
    || (b.alerts.critical - a.alerts.critical) || (b.alerts.warning - a.alerts.warning)
    || a.name.localeCompare(b.name, "fr"));
}

function draw(territory) {
  const places = sorted(territory.places);
  const notes = [];
  if (territory.example) notes.push("Territoire d'exemple pour la démonstration.");
  text(view.notice, notes.join(" "));
  keyed(view.list, places, (p) => p.site, createPlace, updatePlace);
  const critical = places.reduce((n, p) => n + p.alerts.critical, 0);
  const warning = places.reduce((n, p) => n + p.alerts.warning, 0);
  text(view.el.querySelector(".alert-total"), "Alertes ouvertes : " + plural(critical, "critique", "critiques")
    + ", " + plural(warning, "à surveiller", "à surveiller") + ".");
  drawVan(territory.van);
  // The map is drawn again only when what it shows changed: its links keep the focus otherwise.
  // The van is drawn where it stops today, not at its garage.
  const marks = places.filter((p) => Number.isFinite(p.lat) && p.kind !== "van").map((p) => ({ lat: p.lat, lon: p.lon,
    href: href("lieu", p.site), label: p.name + " : " + p.healthWord, className: "health-" + p.worst,
    short: SYMBOLS[p.worst], name: shortName(p, places) }));
  if (territory.van && territory.van.today && Number.isFinite(territory.van.today.lat)) {
    const stop = territory.van.today;
    marks.push({ lat: stop.lat, lon: stop.lon, href: href("lieu", territory.van.site),
      label: "Bus France Services aujourd'hui à " + stop.communeName, className: "van health-" + territory.van.worst,
      short: "B", name: "Bus" });
  }
  const key = JSON.stringify([territory.communes, marks]);
  if (key !== view.mapKey) {
    view.mapKey = key;
    // Communes the van serves, as small dots; those with a place are named by the place's mark instead.
    view.mapHolder.replaceChildren(drawMap(territory.communes.filter((c) => c.vanServed && !places.some(
      (p) => p.commune === c.id && Number.isFinite(p.lat))), marks, "Carte des lieux du territoire"));
  }
}

/** The town's name under a mark, or the place's own when the town has two places (Rozoy). */
function shortName(place, places) {
  if (place.kind === "coworking") return "Coworking";
  const shared = places.filter((p) => p.commune && p.commune === place.commune).length > 1;
  return shared || !place.communeName ? place.name : place.communeName;
}

function createPlace() {
  return h("li", { class: "place" },
    h("a", { class: "place-link" }),
    h("span", { class: "health-word" }),
    h("span", { class: "place-kind" }),
    h("span", { class: "place-facts" }));
}

function updatePlace(item, place) {
  item.className = "place health-" + place.worst;
  const link = item.querySelector(".place-link");
  link.setAttribute("href", href("lieu", place.site));
  text(link, place.name);
  text(item.querySelector(".health-word"), SYMBOLS[place.worst] + " " + place.healthWord);
  text(item.querySelector(".place-kind"), (KIND_WORDS[place.kind] || place.kind || "Lieu")
    + (place.communeName && !place.name.includes(place.communeName) ? " · " + place.communeName : ""));
  const facts = [];
  facts.push(place.nodes.total ? plural(place.nodes.online, "boîtier en ligne", "boîtiers en ligne") + " sur "
    + place.nodes.total : "aucun boîtier");
  const d = place.devices;
  if (d.critical) facts.push(plural(d.critical, "équipement en panne", "équipements en panne"));
  if (d.warning) facts.push(plural(d.warning, "équipement à surveiller", "équipements à surveiller"));
  if (place.alerts.critical || place.alerts.warning) {
    facts.push(plural(place.alerts.critical + place.alerts.warning, "alerte ouverte", "alertes ouvertes"));
  }
  text(item.querySelector(".place-facts"), facts.join(" · "));
}

function hours(value) {
  return /^\d{2}:\d{2}$/.test(value) ? value.replace(":", " h ") : time(value).replace(":", " h ");
}

function drawVan(van) {
  view.van.hidden = !van;
  if (!van) return;
  view.van.className = "van-panel health-" + van.worst;
  const link = view.van.querySelector(".van-link");
  link.setAttribute("href", href("lieu", van.site));
  text(link, van.name);
  text(view.van.querySelector(".health-word"), SYMBOLS[van.worst] + " " + van.healthWord);
  const parts = ["Dernier signe de vie : " + since(van.lastSeen) + "."];
  if (van.today) {
    parts.push("Aujourd'hui à " + van.today.communeName + " (" + (van.today.place || "") + "), de "
      + hours(van.today.starts) + " à " + hours(van.today.ends) + ".");
  } else {
    parts.push("Pas d'arrêt aujourd'hui.");
  }
  if (van.next) {
    parts.push("Prochain arrêt : " + longDay(van.next.day || van.next.starts) + " à " + van.next.communeName + ", "
      + hours(van.next.starts) + ".");
  }
  text(view.van.querySelector(".van-where"), parts.join(" "));
}
