// Lieu, one place: its boxes (nodes) and their equipment with the health in words and colour and the
// readings in French with units, how many people are in now, and today's agenda. Rows are keyed: a live
// reading changes its own row in place, and the keyboard focus stays where it was.
import { h, keyed, text } from "../lib/dom.js";
import { HEALTH_RANK, HEALTH_WORDS, KIND_WORDS, NODE_STATE_WORDS, describe } from "../lib/labels.js";
import { plural, since } from "../lib/format.js";
import { HttpError, LoggedOut, fetchAll, getJson, hubHas } from "../lib/http.js";
import { href } from "../routes.js";
import { drawAgenda } from "./lieu-agenda.js";

export const title = "Lieu";

let view = null;

export function mount(el, params, ctx) {
  view = { el, site: params.site, ctx, place: null, nodes: [], devices: [], session: 0, offs: [] };
  view.title = h("h2", { text: "Lieu" });
  view.kind = h("p", { class: "place-kind" });
  view.links = h("p", { class: "place-links" },
    h("a", { href: href("frequentation", params.site), text: "Fréquentation du lieu" }), " · ",
    h("a", { href: href("alertes") + "?site=" + encodeURIComponent(params.site), text: "Alertes du lieu" }));
  view.notice = h("p", { class: "notice", role: "status" });
  view.occupancy = h("section", { class: "occupancy", "aria-labelledby": "occupancy-title", hidden: true },
    h("h3", { id: "occupancy-title", text: "En ce moment" }), h("p", { class: "occupancy-now" }));
  view.nodeList = h("div", { class: "node-list" });
  view.agenda = h("section", { class: "agenda", "aria-labelledby": "agenda-title" },
    h("h3", { id: "agenda-title", text: "Aujourd'hui" }), h("div", { class: "agenda-body" }));
  el.append(h("div", { class: "screen lieu" }, view.title, view.kind, view.links, view.notice, view.occupancy,
    h("section", { class: "equipment", "aria-labelledby": "equipment-title" },
      h("h3", { id: "equipment-title", text: "Boîtiers et équipements" }), view.nodeList),
    view.agenda));
  const live = ctx.live;
  view.offs = [
    live.on("device", (d) => view && d.site === view.site && patch("devices", d, (x) => x.node === d.node
      && x.id === d.device, { health: d.health, metrics: d.metrics, lastSeen: d.lastSeen })),
    live.on("node", (n) => view && n.site === view.site && patch("nodes", n, (x) => x.id === n.node,
      { state: n.state, online: n.state === "online", lastSeen: n.lastSeen || undefined })),
    // Who is in now changes with a counter's or a room sensor's reading, a door's entry or a kiosk's check-in:
    // the hub sends no event of its own for it, so the small "now" answer is read again on those.
    live.on("device", (d) => view && d.site === view.site && changesWhoIsIn(d) && loadOccupancy(view)),
    live.on("event", (e) => view && e.site === view.site && e.type === "access-granted" && loadOccupancy(view)),
    live.on("place", (p) => view && p.site === view.site && p.what === "coworking" && loadOccupancy(view)),
    live.on("refresh", () => load()),
    live.on("reset", () => load()),
  ];
  return load();
}


export function unmount() {
  if (!view) return;
  view.offs.forEach((off) => off());
  view.session++;
  view = null;
}

/** A live event changes one row's data; the rows are then drawn again, keyed, so only that one changes. */
function patch(list, data, isIt, changes) {
  const found = view[list].find(isIt);
  if (!found) {
    load(); // a device or node not seen yet: its place is read again
    return;
  }
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) found[key] = value;
  drawNodes();
}

async function load() {
  if (!view) return;
  const current = view;
  const mine = ++current.session;
  const site = encodeURIComponent(current.site);
  try {
    const [place, nodes, devices] = await Promise.all([getJson("/api/places/" + site),
      fetchAll("/api/nodes?site=" + site), fetchAll("/api/devices?site=" + site)]);
    if (current !== view || mine !== current.session) return;
    current.place = place;
    current.nodes = nodes.items;
    current.devices = devices.items;
    const name = place.name || (place.commune ? place.commune.name + " — " : "") + place.site;
    text(current.title, name);
    text(current.kind, (KIND_WORDS[place.kind] || place.kind || "Lieu") + (place.commune ? " · " + place.commune.name : "")
      + (place.address ? " · " + place.address : ""));
    document.title = name + " — Relais";
    text(current.notice, nodes.complete && devices.complete ? ""
      : "Liste incomplète : le hub a répondu trop de pages.");
    drawNodes();
    loadOccupancy(current);
    drawAgenda(current.agenda.querySelector(".agenda-body"), place, () => current === view);
  } catch (error) {
    if (error instanceof LoggedOut || current !== view) return;
    text(current.notice, error instanceof HttpError && (error.status === 404 || error.status === 403)
      ? "Ce lieu n'existe pas ou ne vous est pas ouvert." : "Le hub ne répond pas : " + error.message);
  }
}

function changesWhoIsIn(device) {
  return Boolean(device.metrics) && ("present" in device.metrics || "occupied" in device.metrics);
}

async function loadOccupancy(current) {
  // Shown only once the hub counts people (another work package): else the block stays hidden.
  if (!(await hubHas("/api/occupancy/now"))) return;
  try {
    const now = await getJson("/api/occupancy/now?site=" + encodeURIComponent(current.site));
    if (current === view) drawOccupancy(now);
  } catch (error) {
    if (current === view) current.occupancy.hidden = true;
  }
}

function drawOccupancy(now) {
  const parts = [];
  if (now.peopleIn !== null && now.peopleIn !== undefined) parts.push(plural(now.peopleIn, "personne présente",
    "personnes présentes"));
  if (now.rooms) parts.push(plural(now.rooms.occupied, "salle occupée", "salles occupées") + " sur " + now.rooms.total);
  if (now.coworkersIn !== null && now.coworkersIn !== undefined) parts.push(plural(now.coworkersIn,
    "coworker présent", "coworkers présents"));
  view.occupancy.hidden = parts.length === 0;
  text(view.occupancy.querySelector(".occupancy-now"), parts.join(" · ") + (parts.length ? "." : ""));
}

function drawNodes() {
  const nodes = [...view.nodes].sort((a, b) => a.id.localeCompare(b.id));
  if (!nodes.length) {
    view.nodeList.replaceChildren(h("p", { class: "empty", text: "Aucun boîtier n'a encore parlé pour ce lieu." }));
    return;
  }
  if (view.nodeList.querySelector(".empty")) view.nodeList.replaceChildren();
  keyed(view.nodeList, nodes, (n) => n.id, createNode, updateNode);
}

function createNode(node) {
  return h("section", { class: "node-card", "aria-label": "Boîtier " + node.id },
    h("h4", {}, h("span", { class: "node-name", text: "Boîtier " + node.id }), h("span", { class: "node-state" })),
    h("ul", { class: "metrics node-metrics" }),
    h("a", { class: "history", href: href("equipement", node.id, "_boitier"), text: "Historique du boîtier" }),
    h("a", { class: "history", href: href("commandes", node.id), text: "Commandes du boîtier" }),
    h("ul", { class: "device-list" }));
}

function updateNode(card, node) {
  const state = node.online ? "online" : node.state;
  card.className = "node-card node-" + (node.online ? "online" : "offline");
  text(card.querySelector(".node-state"), (node.silent ? "silencieux" : NODE_STATE_WORDS[state] || state)
    + " · vu " + since(node.lastSeen));
  // The box's own readings (temperature, messages waiting…), every one of them in words.
  const { known, others } = describe(node.metrics);
  keyed(card.querySelector(".node-metrics"), [...known, ...others], (m) => m.name, () => h("li", { class: "metric" }),
    (li, m) => text(li, m.text));
  const devices = view.devices.filter((d) => d.node === node.id)
    .sort((a, b) => HEALTH_RANK[a.health] - HEALTH_RANK[b.health] || a.name.localeCompare(b.name, "fr"));
  keyed(card.querySelector(".device-list"), devices, (d) => d.id, createDevice, updateDevice);
}

function createDevice(device) {
  const id = "device-" + device.node + "-" + device.id;
  const details = h("div", { class: "device-details", id: id + "-details", hidden: true },
    h("p", { class: "device-id" }),
    h("p", { class: "others-title", text: "Autres mesures" }), h("ul", { class: "others" }),
    h("a", { class: "history", href: href("equipement", device.node, device.id), text: "Historique et alertes" }));
  const toggle = h("button", { type: "button", class: "toggle", "aria-expanded": "false", "aria-controls": id
    + "-details", text: "Détails" });
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    details.hidden = !open;
  });
  return h("li", { class: "device" },
    h("div", { class: "device-head" }, h("span", { class: "health-badge" }), h("strong", { class: "device-name" }),
      h("span", { class: "device-kind" }), h("span", { class: "device-seen" })),
    h("ul", { class: "metrics" }), toggle, details);
}

function updateDevice(item, device) {
  item.className = "device health-" + device.health;
  text(item.querySelector(".health-badge"), HEALTH_WORDS[device.health] || device.health);
  text(item.querySelector(".device-name"), device.name);
  text(item.querySelector(".device-kind"), (KIND_WORDS[device.kind] || device.kind)
    + (device.simulated ? " (simulé)" : ""));
  text(item.querySelector(".device-seen"), "vu " + since(device.lastSeen));
  const { known, others } = describe(device.metrics);
  const shown = known.length ? known : [{ name: "none", text: device.metrics ? "Aucune mesure connue"
    : "Pas encore de mesure" }];
  keyed(item.querySelector(".metrics"), shown, (m) => m.name, () => h("li", { class: "metric" }),
    (li, m) => text(li, m.text));
  text(item.querySelector(".device-id"), "Identifiant : " + device.id + " · boîtier " + device.node);
  item.querySelector(".others-title").hidden = !others.length;
  keyed(item.querySelector(".others"), others, (m) => m.name, () => h("li", {}), (li, m) => text(li, m.text));
}
