// Fréquentation, one place: who is in now, then over a period (4 semaines, 3 mois, 1 an, kept in the
// address as ?periode=) the heat map of visitors per weekday and hour, the daily totals as a chart with
// its table, the monthly totals, and for each view a CSV export of exactly the same figures. The place
// is read first: a site-scoped account asking for another place gets the hub's refusal, in French, and
// nothing else is asked.
import { h, keyed, text } from "../lib/dom.js";
import { number, plural, today } from "../lib/format.js";
import { HttpError, LoggedOut, getJson } from "../lib/http.js";
import { lineChart } from "../lib/chart.js";
import { href } from "../routes.js";
import { drawHeatmap } from "./frequentation-heatmap.js";

export const title = "Fréquentation";

const PERIODS = [
  { id: "4-semaines", label: "4 semaines" },
  { id: "3-mois", label: "3 mois" },
  { id: "1-an", label: "1 an" },
];
const DEFAULT_PERIOD = PERIODS[0].id;
const month = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "long", year: "numeric" });
const fullDay = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

let view = null;

/** The period the address asks for (?periode=…), the 4 weeks when it names none or an unknown one. */
function periodOf(params) {
  const asked = new URLSearchParams(params.query || "").get("periode");
  return PERIODS.some((p) => p.id === asked) ? asked : DEFAULT_PERIOD;
}

/** [from, to] as local days "2026-12-06", both included; to is today in Paris. */
export function range(period, now = new Date()) {
  const to = today(now);
  const [y, m, d] = to.split("-").map(Number);
  const from = new Date(Date.UTC(y, m - 1, d));
  if (period === "3-mois") from.setUTCMonth(from.getUTCMonth() - 3);
  else if (period === "1-an") from.setUTCFullYear(from.getUTCFullYear() - 1);
  else from.setUTCDate(from.getUTCDate() - 27);
  if (period !== "4-semaines") from.setUTCDate(from.getUTCDate() + 1);
  return [from.toISOString().slice(0, 10), to];
}

export function mount(el, params, ctx) {
  view = { el, ctx, site: params.site, period: periodOf(params), session: 0, chart: null, offs: [] };
  view.title = h("h2", { text: "Fréquentation" });
  view.notice = h("p", { class: "notice", role: "status" });
  view.simulated = h("p", { class: "simulated-banner", role: "note", hidden: true,
    text: "Historique simulé pour la démonstration" });
  view.now = h("p", { class: "occupancy-now" });
  view.picker = h("ul", { class: "period-picker" });
  view.totals = h("p", { class: "period-totals" });
  view.heatmap = h("div", { class: "heatmap-body" });
  view.days = h("div", { class: "days-body" });
  view.months = h("div", { class: "months-body" });
  view.exports = {};
  const section = (id, heading, body, exportView) => {
    const parts = [h("h3", { id: "freq-" + id + "-title", text: heading })];
    if (exportView) {
      view.exports[exportView] = h("a", { class: "csv-export", download: "",
        "aria-label": "Exporter " + heading.toLowerCase() + " (CSV)", text: "Exporter (CSV)" });
      parts.push(h("p", { class: "export" }, view.exports[exportView]));
    }
    return h("section", { class: "freq-" + id, "aria-labelledby": "freq-" + id + "-title" }, ...parts, body);
  };
  view.content = h("div", { class: "freq-content" },
    h("nav", { class: "period", "aria-label": "Période" }, h("span", { class: "period-label", text: "Période :" }),
      view.picker),
    view.totals,
    section("heatmap", "Visiteurs par heure, moyenne par semaine", view.heatmap, "heatmap"),
    section("days", "Visiteurs par jour", view.days, "days"),
    section("months", "Totaux par mois", view.months, "months"));
  view.nowSection = section("now", "En ce moment", view.now);
  el.append(h("div", { class: "screen frequentation" }, view.title, view.notice, view.simulated, view.nowSection,
    view.content));
  view.offs = [
    // A people counter's or a room sensor's new reading, a door's entry or a kiosk's check-in: "en ce moment"
    // is read again (one small answer; the hub sends no event of its own for it).
    ctx.live.on("device", (d) => view && d.site === view.site && d.metrics
      && ("present" in d.metrics || "occupied" in d.metrics) && loadNow()),
    ctx.live.on("event", (e) => view && e.site === view.site && e.type === "access-granted" && loadNow()),
    ctx.live.on("place", (p) => view && p.site === view.site && p.what === "coworking" && loadNow()),
    ctx.live.on("refresh", () => load()),
    ctx.live.on("reset", () => load()),
  ];
  return load();
}

/** Another period (or place) in the address: the skeleton stays, so the focused period link keeps its focus. */
export function update(params) {
  if (!view) return undefined;
  if (params.site !== view.site) return false;
  view.period = periodOf(params);
  return load();
}

export function unmount() {
  if (!view) return;
  view.offs.forEach((off) => off());
  if (view.chart) view.chart.destroy();
  view.session++;
  view = null;
}

function drawPicker() {
  keyed(view.picker, PERIODS, (p) => p.id, (p) => h("li", {}, h("a", {
    href: href("frequentation", view.site) + "?periode=" + p.id, text: p.label })), (li, p) => {
    li.firstChild.setAttribute("aria-current", p.id === view.period ? "true" : "false");
  });
}

async function load() {
  if (!view) return;
  const current = view;
  const mine = ++current.session;
  const site = encodeURIComponent(current.site);
  const [from, to] = range(current.period);
  const query = "site=" + site + "&from=" + from + "&to=" + to;
  drawPicker();
  try {
    // The place first: another site's is refused here (403), before any figure is asked for.
    const place = await getJson("/api/places/" + site);
    if (current !== view || mine !== current.session) return;
    const name = place.name || place.site;
    text(current.title, "Fréquentation — " + name);
    document.title = "Fréquentation — " + name + " — Relais";
    const [now, heatmap, days, months] = await Promise.all([getJson("/api/occupancy/now?site=" + site),
      getJson("/api/occupancy/heatmap?" + query), getJson("/api/occupancy/days?" + query),
      getJson("/api/occupancy/months?" + query)]);
    if (current !== view || mine !== current.session) return;
    current.content.hidden = false;
    current.nowSection.hidden = false;
    text(current.notice, "");
    for (const [csvView, link] of Object.entries(current.exports)) {
      link.setAttribute("href", "/api/occupancy.csv?" + query + "&view=" + csvView);
      link.setAttribute("download", "frequentation-" + current.site + "-" + csvView + "-" + from + "-" + to + ".csv");
    }
    current.simulated.hidden = !(heatmap.simulated || days.simulated || months.simulated);
    drawNow(now);
    drawTotals(heatmap.totals, now, from, to);
    drawHeatmap(current.heatmap, heatmap);
    drawDays(everyDay(days.days || [], from, to));
    drawMonths(months.months || [], now);
  } catch (error) {
    if (error instanceof LoggedOut || current !== view) return;
    current.content.hidden = true;
    current.nowSection.hidden = true;
    text(current.notice, refusal(error));
  }
}

async function loadNow() {
  const current = view;
  try {
    const now = await getJson("/api/occupancy/now?site=" + encodeURIComponent(current.site));
    if (current === view) drawNow(now);
  } catch (error) {
    // The next full load says what is wrong; a missed refresh of "en ce moment" is not worth a message.
  }
}

/** The hub's refusal in French: the API's own words are English, for the people who read the logs. */
function refusal(error) {
  if (!(error instanceof HttpError)) return "Le hub ne répond pas : " + error.message;
  const me = view.ctx.me || {};
  if (error.status === 403 || /sees site .* only/.test(error.message)) {
    return "Accès refusé : ce compte ne voit que la fréquentation de son propre lieu"
      + (me.site ? " (« " + me.site + " »)." : ".");
  }
  if (error.status === 404) return "Ce lieu n'existe pas : « " + view.site + " ».";
  if (error.status === 400) return "Le hub a refusé la demande : " + error.message;
  return "Le hub ne répond pas : " + error.message;
}

function drawNow(now) {
  const parts = [];
  if (now.peopleIn !== null && now.peopleIn !== undefined) parts.push(plural(now.peopleIn, "personne présente",
    "personnes présentes"));
  if (now.rooms) parts.push(plural(now.rooms.occupied, "salle occupée", "salles occupées") + " sur " + now.rooms.total);
  if (now.coworkersIn !== null && now.coworkersIn !== undefined) parts.push(plural(now.coworkersIn,
    "coworker présent", "coworkers présents"));
  text(view.now, parts.length ? parts.join(" · ") + "." : "Aucun compteur de ce lieu ne dit qui est présent.");
}

/** Which figures this place has: room minutes and coworking check-ins only where it counts them. */
function has(rows, now) {
  return {
    rooms: Boolean(now && now.rooms) || rows.some((r) => r.roomMinutes > 0),
    coworking: (now && now.coworkersIn !== null && now.coworkersIn !== undefined) || rows.some((r) => r.coworkerCheckins > 0),
  };
}

function drawTotals(totals, now, from, to) {
  const shown = has([totals], now);
  const parts = [plural(totals.entries, "entrée")];
  if (shown.coworking) parts.push(plural(totals.coworkerCheckins, "arrivée au coworking", "arrivées au coworking"));
  if (shown.rooms) parts.push(number(totals.roomMinutes) + " min d'occupation des salles");
  text(view.totals, "Du " + dayName(from) + " au " + dayName(to) + " : " + parts.join(" · ") + ".");
  view.totals.dataset.entries = String(totals.entries);
}

/** Local midnight in Paris of "2026-12-06", in epoch seconds: the chart's x for that day. */
function midnight(day) {
  const [y, m, d] = day.split("-").map(Number);
  const utc = Date.UTC(y, m - 1, d);
  const parisHour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "numeric",
    hourCycle: "h23" }).format(new Date(utc)));
  return (utc - parisHour * 3600000) / 1000;
}

function drawDays(days) {
  if (view.chart) {
    view.chart.destroy();
    view.chart = null;
  }
  if (!days.length) {
    view.days.replaceChildren(h("p", { class: "empty", text: "Aucun jour compté sur cette période." }));
    return;
  }
  view.days.replaceChildren();
  const series = [{ label: "Entrées", values: days.map((d) => d.entries) }];
  if (days.some((d) => d.coworkerCheckins > 0)) {
    series.push({ label: "Arrivées au coworking", values: days.map((d) => d.coworkerCheckins) });
  }
  view.chart = lineChart(view.days, { times: days.map((d) => midnight(d.day)), series },
    { title: "Visiteurs par jour", height: 200, digits: 0, dayOnly: true });
}

function drawMonths(months, now) {
  if (!months.length) {
    view.months.replaceChildren(h("p", { class: "empty", text: "Aucun mois compté sur cette période." }));
    return;
  }
  const shown = has(months, now);
  const columns = [["entries", "Entrées"], ["exits", "Sorties"]];
  if (shown.rooms) columns.push(["roomMinutes", "Minutes d'occupation des salles"]);
  if (shown.coworking) columns.push(["coworkerCheckins", "Arrivées au coworking"]);
  const total = (key) => months.reduce((sum, m) => sum + m[key], 0);
  const table = h("table", { class: "months" }, h("caption", { class: "visually-hidden", text: "Totaux par mois" }),
    h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Mois" }),
      ...columns.map(([, label]) => h("th", { scope: "col", text: label })))),
    h("tbody", {}, ...months.map((m) => h("tr", { "data-month": m.month },
      h("th", { scope: "row", text: monthName(m.month) + (m.simulated ? " (simulé)" : "") }),
      ...columns.map(([key]) => h("td", { "data-field": key, text: number(m[key]) }))))),
    h("tfoot", {}, h("tr", {}, h("th", { scope: "row", text: "Total" }),
      ...columns.map(([key]) => h("td", { "data-field": key, text: number(total(key)) })))));
  view.months.replaceChildren(h("div", { class: "table-scroll", tabindex: "0", role: "region",
    "aria-label": "Totaux par mois (défilement horizontal)" }, table));
}

/** "9 novembre 2026" from "2026-11-09". */
function dayName(key) {
  const [y, m, d] = key.split("-").map(Number);
  return fullDay.format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * Every day of [from, to], a day without a row at 0: the hub writes a day only once someone was counted,
 * and a chart that joined Tuesday to Saturday would draw visitors on the days between.
 */
export function everyDay(days, from, to) {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const all = [];
  const [y, m, d] = from.split("-").map(Number);
  for (const at = new Date(Date.UTC(y, m - 1, d)); at.toISOString().slice(0, 10) <= to;
    at.setUTCDate(at.getUTCDate() + 1)) {
    const day = at.toISOString().slice(0, 10);
    all.push(byDay.get(day) || { day, entries: 0, exits: 0, roomMinutes: 0, coworkerCheckins: 0, simulated: false });
  }
  return all;
}

/** "décembre 2026" from "2026-12". */
function monthName(key) {
  const [y, m] = key.split("-").map(Number);
  return month.format(new Date(Date.UTC(y, m - 1, 15)));
}
