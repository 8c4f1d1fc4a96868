// Équipement, one device (or the box itself, "_boitier"): its health in words, its last reading, the
// charts that matter for its kind over a day, a week or a month (each with its table), its recent
// events and its alerts, open and past. Live readings, events and alerts update it in place.
import { h, keyed, text } from "../lib/dom.js";
import { HEALTH_WORDS, KIND_WORDS, describe } from "../lib/labels.js";
import { dateAndTime, since } from "../lib/format.js";
import { HttpError, LoggedOut, fetchAll, getJson } from "../lib/http.js";
import { lineChart } from "../lib/chart.js";
import { href } from "../routes.js";
import { ALERT_STATE_WORDS, SEVERITY_WORDS, page } from "./pages.js";

export const title = "Équipement";

/** The device segment that means the node's own readings (not a valid device id, so never a device's). */
export const NODE_ITSELF = "_boitier";
const HOUR = 3600 * 1000;
const PERIODS = {
  jour: { label: "Jour", resolution: "minute", span: 24 * HOUR, words: "les dernières 24 heures, par minute" },
  semaine: { label: "Semaine", resolution: "hour", span: 7 * 24 * HOUR, words: "les 7 derniers jours, par heure" },
  mois: { label: "Mois", resolution: "hour", span: 30 * 24 * HOUR, words: "les 30 derniers jours, par heure" },
};
/** The figures worth a chart, by kind: [metric, label, unit]. */
const CHARTS = {
  probe: [["latencyMedianMs", "Latence", "ms"], ["lossPercent", "Pertes", "%"], ["throughputMbps", "Débit", "Mbit/s"]],
  printer: [["tonerPercent", "Toner", "%"], ["pagesPrinted", "Pages imprimées", ""]],
  node: [["cpuTemperatureC", "Température", "°C"], ["outboxDepth", "Messages en attente", ""]],
};

/** The events the agents send, in words; another type is shown as the agent named it. */
const EVENT_WORDS = { "paper-out": "Plus de papier", "paper-jam": "Bourrage papier", "door-forced": "Porte forcée",
  "door-held-open": "Porte restée ouverte", "door-closed": "Porte refermée", entry: "Entrée", exit: "Sortie",
  "room-occupied": "Salle occupée", "room-free": "Salle libérée", "badge-denied": "Badge refusé" };

let view = null;

/** The period the address asks for (…?periode=semaine), the day by default. */
function periodOf(query) {
  const asked = new URLSearchParams(query || "").get("periode");
  return asked && Object.hasOwn(PERIODS, asked) ? asked : "jour";
}

export function mount(el, params, ctx) {
  const itself = params.device === NODE_ITSELF;
  view = { el, ctx, node: params.node, device: params.device, itself, period: periodOf(params.query), charts: [],
    session: 0,
    offs: [], kind: itself ? "node" : null, alertsNext: null };
  view.title = h("h2", { text: itself ? "Boîtier " + params.node : "Équipement" });
  view.kindLine = h("p", { class: "equipment-kind" });
  view.notice = h("p", { class: "notice", role: "status" });
  view.health = h("p", { class: "equipment-health" }, h("span", { class: "health-word" }),
    " ", h("span", { class: "equipment-seen" }));
  view.reading = h("ul", { class: "metrics equipment-reading" });
  view.simulated = h("p", { class: "simulated", hidden: true, text: "Historique simulé pour la démonstration" });
  view.periodWords = h("p", { class: "period-words" });
  view.chartHolder = h("div", { class: "chart-list" });
  view.buttons = Object.entries(PERIODS).map(([key, period]) => h("button", { type: "button", class: "period",
    "data-period": key, "aria-pressed": String(key === view.period), text: period.label,
    // Into the address, so that a reload or a shared link shows the same period; main.js then calls update().
    onclick: () => {
      location.hash = href("equipement", view.node, view.device) + (key === "jour" ? "" : "?periode=" + key);
    } }));
  view.events = h("ol", { class: "event-list" });
  view.eventsEmpty = h("p", { class: "empty", hidden: true, text: "Aucun événement récent." });
  view.moreEvents = h("button", { type: "button", class: "more", hidden: true, text: "Voir plus d'événements",
    onclick: () => moreEvents() });
  view.openAlerts = h("ul", { class: "equipment-alerts open-alerts" });
  view.pastAlerts = h("ul", { class: "equipment-alerts past-alerts" });
  view.moreAlerts = h("button", { type: "button", class: "more", hidden: true, text: "Voir plus d'alertes passées",
    onclick: () => morePastAlerts() });
  view.back = h("a", { class: "back", href: "#/territoire", text: "Revenir au lieu" });
  el.append(h("div", { class: "screen equipement" }, view.back, view.title, view.kindLine, view.notice,
    h("section", { class: "now", "aria-labelledby": "now-title" },
      h("h3", { id: "now-title", text: "Dernière mesure" }), view.health, view.reading),
    h("section", { class: "history", "aria-labelledby": "history-title" },
      h("h3", { id: "history-title", text: "Courbes" }),
      h("div", { class: "period-buttons", role: "group", "aria-label": "Période" }, ...view.buttons),
      view.periodWords, view.simulated, view.chartHolder),
    h("section", { class: "alerts-part", "aria-labelledby": "alerts-title" },
      h("h3", { id: "alerts-title", text: "Alertes" }),
      h("h4", { text: "En cours" }), view.openAlerts,
      h("h4", { text: "Passées" }), view.pastAlerts, view.moreAlerts),
    h("section", { class: "events-part", "aria-labelledby": "events-title" },
      h("h3", { id: "events-title", text: "Événements récents" }), view.eventsEmpty, view.events, view.moreEvents)));
  const mine = (d) => view && d.node === view.node && (view.itself ? !d.device : d.device === view.device);
  const live = ctx.live;
  view.offs = [
    live.on("device", (d) => mine(d) && drawReading({ health: d.health, metrics: d.metrics, lastSeen: d.lastSeen })),
    live.on("alert", (a) => mine(a) && loadAlerts(view)),
    live.on("event", (e) => mine(e) && loadEvents(view)),
    live.on("refresh", () => load()),
    live.on("reset", () => load()),
  ];
  return load();
}

export function update(params) {
  if (view && params.node === view.node && params.device === view.device) {
    choosePeriod(periodOf(params.query));
    return undefined;
  }
  return false;
}

export function unmount() {
  if (!view) return;
  view.offs.forEach((off) => off());
  view.charts.forEach((chart) => chart.destroy());
  view.session++;
  view = null;
}

function query(extra) {
  const q = new URLSearchParams({ node: view.node, ...extra });
  if (!view.itself) q.set("device", view.device);
  return q;
}

async function load() {
  if (!view) return;
  const current = view;
  const mine = ++current.session;
  try {
    const found = current.itself ? await theNode(current.node) : await theDevice(current.node, current.device);
    if (current !== view || mine !== current.session) return;
    if (!found) {
      text(current.notice, "Cet équipement n'existe pas ou ne vous est pas ouvert.");
      return;
    }
    text(current.notice, "");
    current.site = found.site;
    current.back.setAttribute("href", href("lieu", found.site));
    if (!current.itself) {
      current.kind = found.kind;
      text(current.title, found.name);
      document.title = found.name + " — Relais";
    }
    text(current.kindLine, (current.itself ? "Le boîtier lui-même" : KIND_WORDS[found.kind] || found.kind)
      + " · boîtier " + current.node + " · lieu " + found.site + (found.simulated ? " · simulé" : ""));
    drawReading(found);
    await Promise.all([loadCharts(current), loadEvents(current), loadAlerts(current)]);
  } catch (error) {
    if (error instanceof LoggedOut || current !== view) return;
    text(current.notice, error instanceof HttpError && (error.status === 404 || error.status === 403)
      ? "Cet équipement n'existe pas ou ne vous est pas ouvert." : "Le hub ne répond pas : " + error.message);
  }
}

async function theDevice(node, device) {
  const devices = await fetchAll("/api/devices?" + new URLSearchParams({ node }));
  return devices.items.find((d) => d.id === device) || null;
}

async function theNode(node) {
  const nodes = await fetchAll("/api/nodes");
  const found = nodes.items.find((n) => n.id === node);
  return found ? { ...found, health: found.online ? "ok" : "critical" } : null;
}

function drawReading(found) {
  const word = view.health.querySelector(".health-word");
  view.health.className = "equipment-health health-" + found.health;
  text(word, HEALTH_WORDS[found.health] || found.health);
  text(view.health.querySelector(".equipment-seen"), "vu " + since(found.lastSeen));
  const { known, others } = describe(found.metrics);
  const shown = [...known, ...others];
  keyed(view.reading, shown.length ? shown : [{ name: "none", text: "Pas encore de mesure" }], (m) => m.name,
    () => h("li", { class: "metric" }), (li, m) => text(li, m.text));
}

function choosePeriod(key) {
  if (!view || view.period === key) return;
  view.period = key;
  view.buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.period === key)));
  loadCharts(view);
}

async function loadCharts(current) {
  const period = PERIODS[current.period];
  const asked = current.period;
  const to = new Date();
  const from = new Date(to.getTime() - period.span);
  const q = new URLSearchParams({ resolution: period.resolution, from: from.toISOString(), to: to.toISOString() });
  if (!current.itself) q.set("device", current.device);
  text(current.periodWords, "Sur " + period.words + ".");
  let answer;
  try {
    answer = await getJson("/api/nodes/" + encodeURIComponent(current.node) + "/telemetry?" + q);
  } catch (error) {
    if (error instanceof LoggedOut || current !== view || asked !== current.period) return;
    clearCharts(current);
    current.chartHolder.append(h("p", { class: "empty", text: error instanceof HttpError && error.status === 403
      ? "Les courbes sont réservées aux techniciens." : "Courbes indisponibles : " + error.message }));
    return;
  }
  if (current !== view || asked !== current.period) return;
  current.simulated.hidden = !answer.simulated;
  const points = answer.points.filter((p) => (current.itself ? !p.device : true));
  const byMetric = new Map();
  for (const point of points) {
    if (!byMetric.has(point.metric)) byMetric.set(point.metric, []);
    byMetric.get(point.metric).push(point);
  }
  // The kind's own figures first; a kind without a list gets every figure it has.
  const wanted = CHARTS[current.kind] || [...byMetric.keys()].sort().slice(0, 6).map((m) => [m, m, ""]);
  clearCharts(current);
  if (answer.truncated) {
    current.chartHolder.append(h("p", { class: "notice", text: "Trop de points : seuls les premiers sont tracés." }));
  }
  let drawn = 0;
  for (const [metric, label, unit] of wanted) {
    const series = byMetric.get(metric) || [];
    if (!series.length) continue;
    const holder = h("div", { class: "chart-holder", "data-metric": metric });
    current.chartHolder.append(holder);
    current.charts.push(lineChart(holder, {
      times: series.map((p) => Date.parse(p.at) / 1000),
      series: [{ label, unit, values: series.map((p) => p.avg) }],
    }, { title: label + (unit ? " (" + unit + ")" : "") + " — moyenne par " + (period.resolution === "minute"
      ? "minute" : "heure"), height: 200 }));
    drawn++;
  }
  if (!drawn) current.chartHolder.append(h("p", { class: "empty", text: "Aucune mesure sur cette période." }));
}

function clearCharts(current) {
  current.charts.forEach((chart) => chart.destroy());
  current.charts = [];
  current.chartHolder.replaceChildren();
}

async function loadEvents(current) {
  try {
    const first = await page("/api/events?" + query({ limit: 20 }));
    if (current !== view) return;
    current.eventItems = first.items;
    current.eventsNext = first.next;
    drawEvents(current);
  } catch (error) {
    if (error instanceof LoggedOut || current !== view) return;
    current.eventsEmpty.hidden = false;
    text(current.eventsEmpty, "Événements indisponibles : " + error.message);
  }
}

async function moreEvents() {
  const current = view;
  if (!current || !current.eventsNext) return;
  const more = await page(current.eventsNext);
  if (current !== view) return;
  const seen = new Set(current.eventItems.map((e) => e.id));
  current.eventItems.push(...more.items.filter((e) => !seen.has(e.id)));
  current.eventsNext = more.next;
  drawEvents(current);
}

function drawEvents(current) {
  const items = current.itself ? current.eventItems.filter((e) => !e.device) : current.eventItems;
  current.eventsEmpty.hidden = items.length > 0;
  text(current.eventsEmpty, "Aucun événement récent.");
  current.moreEvents.hidden = !current.eventsNext;
  keyed(current.events, items, (e) => e.id, () => h("li", { class: "event" },
    h("span", { class: "event-time" }), " ", h("strong", { class: "event-type" }), " ",
    h("span", { class: "event-severity" }), " ", h("span", { class: "event-message" })), (li, e) => {
    li.className = "event severity-" + e.severity;
    text(li.querySelector(".event-time"), dateAndTime(e.receivedAt));
    text(li.querySelector(".event-type"), EVENT_WORDS[e.type] || e.type);
    text(li.querySelector(".event-severity"), "(" + (SEVERITY_WORDS[e.severity] || e.severity) + ")");
    text(li.querySelector(".event-message"), e.message);
  });
}

async function loadAlerts(current) {
  try {
    const [open, past] = await Promise.all([page("/api/alerts?" + query({ state: "active", limit: 50 })),
      page("/api/alerts?" + query({ state: "cleared", limit: 10 }))]);
    if (current !== view) return;
    current.pastItems = past.items;
    current.alertsNext = past.next;
    drawAlerts(current, open.items);
  } catch (error) {
    if (error instanceof LoggedOut || current !== view) return;
    current.openAlerts.replaceChildren(h("li", { class: "empty", text: "Alertes indisponibles : " + error.message }));
  }
}

async function morePastAlerts() {
  const current = view;
  if (!current || !current.alertsNext) return;
  const more = await page(current.alertsNext);
  if (current !== view) return;
  current.pastItems.push(...more.items);
  current.alertsNext = more.next;
  drawAlerts(current, null);
}

function drawAlerts(current, open) {
  const own = (list) => (current.itself ? list.filter((a) => !a.device) : list);
  if (open) current.openItems = own(open);
  const draw = (ul, list, none) => {
    if (!list.length) {
      ul.replaceChildren(h("li", { class: "empty", text: none }));
      return;
    }
    if (ul.querySelector(".empty")) ul.replaceChildren();
    keyed(ul, list, (a) => a.id, () => h("li", { class: "equipment-alert" },
      h("span", { class: "health-word" }), " ", h("span", { class: "alert-message" }), " ",
      h("span", { class: "alert-when" })), (li, a) => {
      li.className = "equipment-alert severity-" + a.severity;
      text(li.querySelector(".health-word"), SEVERITY_WORDS[a.severity] || a.severity);
      text(li.querySelector(".alert-message"), a.message);
      text(li.querySelector(".alert-when"), "ouverte le " + dateAndTime(a.openedAt) + " · "
        + (ALERT_STATE_WORDS[a.state] || a.state) + (a.acknowledgedBy && a.state === "acknowledged" ? " par "
        + a.acknowledgedBy : "") + (a.clearedAt ? ", clôturée le " + dateAndTime(a.clearedAt)
        + (a.clearedBy ? " par " + a.clearedBy : "") : "") + (a.clearComment ? " (« " + a.clearComment + " »)" : ""));
    });
  };
  draw(current.openAlerts, current.openItems || [], "Aucune alerte en cours.");
  draw(current.pastAlerts, own(current.pastItems || []), "Aucune alerte passée.");
  current.moreAlerts.hidden = !current.alertsNext;
}
