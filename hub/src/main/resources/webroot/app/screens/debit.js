// Débit du territoire: each commune's broadband for a month, on the map coloured by its median
// throughput class (with the figure beside its name, and the classes in words in the legend) and in a
// sortable table of every line measured (commune, link, box or bus, medians, readings). The answer of
// GET /api/connectivity covers the last 13 months at once: choosing a month only draws again.
// Below 600 px the map gives way to the table and its legend (css/debit.css).
import { h, keyed, text } from "../lib/dom.js";
import { drawMap } from "../lib/map.js";
import { number, plural } from "../lib/format.js";
import { LoggedOut, getJson } from "../lib/http.js";

export const title = "Débit des connexions";
const MONTHS = 13;

/** The throughput classes of the map, lowest first: upper bound (Mbit/s, excluded), CSS class, words. */
export const CLASSES = [
  { below: 8, name: "lt8", words: "moins de 8 Mbit/s", short: "< 8 Mbit/s" },
  { below: 30, name: "8to30", words: "de 8 à 30 Mbit/s", short: "8–30 Mbit/s" },
  { below: 100, name: "30to100", words: "de 30 à 100 Mbit/s", short: "30–100 Mbit/s" },
  { below: Infinity, name: "ge100", words: "100 Mbit/s ou plus", short: "≥ 100 Mbit/s" },
];
const NONE = { name: "none", words: "pas de mesure", short: "pas de mesure" };
const LINKS = { fibre: "Fibre", fiber: "Fibre", adsl: "ADSL", vdsl: "VDSL", "4g": "4G", lte: "4G", "5g": "5G",
  satellite: "Satellite", ethernet: "Ethernet", wifi: "Wi-Fi", unknown: "Inconnu" };
const MONTH_WORDS = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" });

/** The table's columns: key, header, value for sorting, text shown, whether it is a figure. */
const COLUMNS = [
  { key: "commune", label: "Commune", value: (r) => r.communeName || r.commune },
  { key: "link", label: "Lien", value: (r) => linkWords(r.link) },
  { key: "node", label: "Boîtier", value: (r) => r.where },
  { key: "latency", label: "Latence médiane", value: (r) => r.latencyMedianMs, figure: true },
  { key: "loss", label: "Perte médiane", value: (r) => r.lossMedianPercent, figure: true },
  { key: "throughput", label: "Débit médian", value: (r) => r.throughputMedianMbps, figure: true },
  { key: "samples", label: "Mesures", value: (r) => r.samples, figure: true },
];

let view = null;

export function mount(el, params, ctx) {
  const months = lastMonths(new Date(), MONTHS);
  const picker = h("select", { id: "debit-month", name: "mois" },
    ...months.map((m) => h("option", { value: m, text: monthWords(m) })));
  const notice = h("p", { class: "notice", role: "status" });
  const simulated = h("p", { class: "simulated", role: "note", hidden: true,
    text: "Historique simulé pour la démonstration" });
  const mapHolder = h("div", { class: "map-holder" });
  const csv = h("a", { class: "csv-link", download: "", text: "Télécharger ce mois en CSV" });
  const head = h("tr", {}, ...COLUMNS.map((c) => h("th", { scope: "col", "data-column": c.key,
    "aria-sort": "none", class: c.figure ? "figure" : undefined },
    h("button", { type: "button", class: "sort", onclick: () => sortBy(c.key) }, c.label,
      h("span", { class: "sort-arrow", "aria-hidden": "true" })))));
  const body = h("tbody", { id: "debit-rows" });
  const table = h("table", { class: "debit-table" },
    h("caption", { class: "debit-caption" }), h("thead", {}, head), body);
  el.append(h("div", { class: "screen debit" },
    h("div", { class: "debit-top" }, h("h2", { text: "Débit des connexions" }),
      h("p", { class: "month-choice" }, h("label", { for: "debit-month", text: "Mois" }), " ", picker)),
    notice, simulated,
    h("div", { class: "debit-layout" },
      h("div", { class: "debit-map" }, mapHolder),
      h("section", { class: "legend-panel", "aria-labelledby": "debit-legend-title" },
        h("h3", { id: "debit-legend-title", text: "Légende" }), legend())),
    h("section", { class: "table-panel", "aria-labelledby": "debit-table-title" },
      h("h3", { id: "debit-table-title", text: "Lignes mesurées" }),
      h("p", { class: "precision", text: "Latence, perte et débit : médiane des mesures du mois (à 5 % près)." }),
      h("div", { class: "table-scroll" }, table), h("p", {}, csv))));
  view = { el, ctx, months, picker, notice, simulated, mapHolder, csv, table, body, answer: null, territory: null,
    month: months[months.length - 1], sort: { key: "commune", ascending: true }, mapKey: null, session: 0, offs: [] };
  chooseFrom(params);
  picker.value = view.month;
  // The month goes into the address (#/debit?mois=2026-10): a link or a bookmark shows that month, Back the last.
  picker.addEventListener("change", () => {
    location.hash = "#/debit?mois=" + picker.value;
  });
  // The figures are monthly: a live reading changes nothing worth a redraw, a reset or the 30-s fallback does.
  view.offs = ["refresh", "reset"].map((type) => ctx.live.on(type, load));
  return load();
}

/** The address changed (another month asked, or none): drawn again from the answer already read. */
export function update(params) {
  if (!view) return;
  view.chosen = false;
  chooseFrom(params);
  if (!view.chosen) latestMeasured(view);
  view.picker.value = view.month;
  draw();
}

/** The month of "mois=YYYY-MM" in the address, when it is one of the picker's. */
function chooseFrom(params) {
  const asked = new URLSearchParams(params.query || "").get("mois");
  if (asked && view.months.includes(asked)) {
    view.month = asked;
    view.chosen = true;
  }
}

/** Until someone chooses, the month shown is the latest one measured. */
function latestMeasured(current) {
  if (!current.answer) return;
  const measured = current.months.filter((m) => current.answer.items.some((r) => r.month === m));
  current.month = measured.length ? measured[measured.length - 1] : current.months[current.months.length - 1];
}

export function unmount() {
  if (!view) return;
  view.offs.forEach((off) => off());
  view.session++;
  view = null;
}

/** "2026-12" and the 12 months before it, oldest first, from the Paris calendar. */
export function lastMonths(now, count) {
  const [year, month] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric",
    month: "2-digit" }).format(now).split("-").map(Number);
  const months = [];
  for (let i = count - 1; i >= 0; i--) {
    const at = new Date(Date.UTC(year, month - 1 - i, 1));
    months.push(at.getUTCFullYear() + "-" + String(at.getUTCMonth() + 1).padStart(2, "0"));
  }
  return months;
}

function monthWords(month) {
  const words = MONTH_WORDS.format(new Date(month + "-01T00:00:00Z"));
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function linkWords(link) {
  return LINKS[String(link).toLowerCase()] || String(link);
}

/** The class of a median throughput (Mbit/s), or "pas de mesure" when there is none. */
export function classOf(mbps) {
  if (mbps === null || mbps === undefined || !Number.isFinite(Number(mbps))) return NONE;
  return CLASSES.find((c) => Number(mbps) < c.below);
}

function legend() {
  const swatch = (name) => h("span", { class: "swatch class-" + name, "aria-hidden": "true" });
  return h("ul", { class: "debit-legend" },
    h("li", { class: "legend-title", text: "Débit médian de la commune :" }),
    ...[...CLASSES].reverse().concat(NONE).map((c) => h("li", {}, swatch(c.name), c.short)),
    h("li", {}, h("span", { class: "swatch ring", "aria-hidden": "true" }),
      "Anneau pointillé ou mention « feuille de route » : commune de la feuille de route du très haut débit"),
    h("li", { class: "legend-note", text: "Sur la carte, le chiffre après le nom est le débit médian en Mbit/s." }));
}

async function load() {
  if (!view) return;
  const current = view;
  const mine = ++current.session;
  const from = current.months[0];
  const to = current.months[current.months.length - 1];
  try {
    const [answer, territory] = await Promise.all([
      getJson("/api/connectivity?from=" + from + "&to=" + to), getJson("/api/territory")]);
    if (current !== view || mine !== current.session) return;
    current.answer = answer;
    current.territory = territory;
    if (!current.chosen) latestMeasured(current);
    current.picker.value = current.month;
    text(current.notice, "");
    draw();
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) {
      text(current.notice, "Le hub ne répond pas : " + error.message);
    }
  }
}

/** Per commune of the month: its median throughput (the API's summary, merged from every reading). */
function communeFigures(answer, month) {
  const figures = new Map();
  for (const summary of answer.summaries || []) {
    if (summary.month === month) figures.set(summary.commune, summary.throughputMedianMbps);
  }
  // A summary without a median (rows whose histograms were not kept, as the demo's seed writes them)
  // falls back on its rows' own medians, the one of the most throughput readings.
  for (const row of answer.items) {
    if (row.month !== month || figures.get(row.commune) !== undefined && figures.get(row.commune) !== null) continue;
    const best = answer.items.filter((r) => r.month === month && r.commune === row.commune
      && r.throughputMedianMbps !== null && r.throughputMedianMbps !== undefined)
      .sort((a, b) => b.throughputSamples - a.throughputSamples)[0];
    figures.set(row.commune, best ? best.throughputMedianMbps : null);
  }
  return figures;
}

function draw() {
  const { answer, territory, month } = view;
  if (!answer || !territory) return;
  const vanSite = territory.van ? territory.van.site : null;
  const rows = answer.items.filter((r) => r.month === month)
    .map((r) => ({ ...r, where: r.site === vanSite ? "Bus France Services" : r.node }));
  const simulated = rows.some((r) => r.simulated);
  view.simulated.hidden = !simulated;
  const figures = communeFigures(answer, month);
  drawCommunes(territory, figures, rows);
  drawTable(rows);
  const query = "?from=" + month + "&to=" + month;
  view.csv.setAttribute("href", "/api/connectivity.csv" + query);
  view.csv.setAttribute("download", "debit-" + month + "-" + month + ".csv");
  const outside = answer.leftOut ? answer.leftOut.outsideVisits : 0;
  text(view.table.querySelector(".debit-caption"), monthWords(month) + " : " + plural(rows.length,
    "ligne mesurée", "lignes mesurées") + (outside ? " (sur les 13 mois, " + plural(outside, "mesure du bus",
    "mesures du bus") + " hors d'un arrêt, non comptées)" : "") + ".");
}

function drawCommunes(territory, figures, rows) {
  const me = view.ctx.me || {};
  const everyone = me.role === "admin" || me.role === "technician";
  // A site-scoped account sees its own commune's figures only: the others are not drawn as "pas de mesure".
  const shown = new Set(rows.map((r) => r.commune));
  const communes = territory.communes.filter((c) => everyone || shown.has(c.id));
  const key = JSON.stringify([view.month, communes.map((c) => c.id), [...figures]]);
  if (key === view.mapKey) return;
  view.mapKey = key;
  // The measured communes last, so that their labels are drawn over their unmeasured neighbours'.
  const measured = (c) => classOf(figures.get(c.id)) !== NONE;
  const labelled = [...communes.filter((c) => !measured(c)), ...communes.filter(measured)].map((c) => {
    const figure = figures.get(c.id);
    return { ...c, vanServed: false, name: c.name + (classOf(figure) === NONE ? "" : " · " + number(figure, 1)) };
  });
  const map = drawMap(labelled, [], "Carte du débit médian par commune, " + monthWords(view.month));
  // drawMap draws a <g class="commune"> per commune with a position, in order: each gets its class and,
  // on the roadmap, a dashed ring.
  const placed = labelled.filter((c) => Number.isFinite(c.lat));
  map.querySelectorAll("g.commune").forEach((g, i) => {
    const commune = placed[i];
    const category = classOf(figures.get(commune.id));
    g.setAttribute("class", "commune class-" + category.name + (commune.roadmap ? " roadmap" : ""));
    g.setAttribute("data-commune", commune.id);
    if (commune.roadmap) {
      const dot = g.querySelector("circle");
      const ring = dot.cloneNode(false);
      ring.setAttribute("class", "ring");
      g.insertBefore(ring, dot);
    }
  });
  view.mapHolder.replaceChildren(map);
}

function drawTable(rows) {
  const { key, ascending } = view.sort;
  const column = COLUMNS.find((c) => c.key === key);
  const sorted = [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    // Rows without the figure go last whichever the direction.
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    const order = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "fr");
    return (ascending ? order : -order) || String(a.communeName).localeCompare(String(b.communeName), "fr")
      || String(a.node).localeCompare(String(b.node));
  });
  view.table.querySelectorAll("th[data-column]").forEach((th) => {
    const sorted_ = th.dataset.column === key;
    th.setAttribute("aria-sort", sorted_ ? (ascending ? "ascending" : "descending") : "none");
    text(th.querySelector(".sort-arrow"), sorted_ ? (ascending ? " ▲" : " ▼") : "");
  });
  if (!rows.length) {
    view.body.replaceChildren(h("tr", { class: "empty" }, h("td", { colspan: COLUMNS.length,
      text: "Aucune mesure pour ce mois." })));
    return;
  }
  if (view.body.querySelector(".empty")) view.body.replaceChildren();
  keyed(view.body, sorted, (r) => [r.commune, r.node, r.link].join("|"), createRow, updateRow);
}

function createRow() {
  return h("tr", {},
    h("th", { scope: "row" }, h("span", { class: "commune-name" }), h("span", { class: "roadmap-badge",
      text: "feuille de route" })),
    ...COLUMNS.slice(1).map((c) => h("td", { class: (c.figure ? "figure " : "") + "col-" + c.key,
      "data-label": c.label })));
}

function updateRow(tr, r) {
  text(tr.querySelector(".commune-name"), r.communeName || r.commune);
  tr.querySelector(".roadmap-badge").hidden = !r.roadmap;
  text(tr.querySelector(".col-link"), linkWords(r.link));
  text(tr.querySelector(".col-node"), r.where + (r.simulated ? " (simulé)" : ""));
  text(tr.querySelector(".col-latency"), unit(r.latencyMedianMs, 2, "ms"));
  text(tr.querySelector(".col-loss"), unit(r.lossMedianPercent, 2, "%"));
  // The throughput's class as on the map: a swatch for the eye, its words for a screen reader.
  const category = classOf(r.throughputMedianMbps);
  const cell = tr.querySelector(".col-throughput");
  if (!cell.firstChild || cell.dataset.category !== category.name) {
    cell.dataset.category = category.name;
    cell.replaceChildren(h("span", { class: "swatch class-" + category.name, "aria-hidden": "true" }),
      h("span", { class: "value" }), h("span", { class: "visually-hidden", text: " (" + category.words + ")" }));
  }
  text(cell.querySelector(".value"), unit(r.throughputMedianMbps, 2, "Mbit/s"));
  text(tr.querySelector(".col-samples"), number(r.samples));
}

function unit(value, digits, symbol) {
  return value === null || value === undefined ? "–" : number(value, digits) + " " + symbol;
}

function sortBy(key) {
  if (!view) return;
  const same = view.sort.key === key;
  // Figures start with the highest (the best throughput, the most readings), words with A.
  const figure = COLUMNS.find((c) => c.key === key).figure;
  view.sort = { key, ascending: same ? !view.sort.ascending : !figure };
  draw();
}
