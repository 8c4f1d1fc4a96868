// Journal d'audit (administrators only): every write made through the API, newest first — when, who,
// what (method and path), the answer's status, from where, and the hub's summary. Filters (username, first
// and last day) are kept in the address, #/audit?username=…&from=2026-12-01&to=2026-12-06, so that a reload
// or a shared link shows the same rows; "Voir plus" follows the list's Link header.
import { h, keyed, text } from "../lib/dom.js";
import { dateAndTime, plural } from "../lib/format.js";
import { LoggedOut } from "../lib/http.js";
import { page } from "./pages.js";

export const title = "Journal d'audit";
const PAGE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const COLUMNS = ["Quand", "Qui", "Quoi", "Statut", "Adresse", "Résumé"];

let view = null;

/** The filters the address asks for; a malformed day is dropped (the hub would refuse it with a 400). */
function filters(query) {
  const asked = new URLSearchParams(query || "");
  const day = (name) => (DAY.test(asked.get(name) || "") ? asked.get(name) : "");
  return { username: (asked.get("username") || "").trim().slice(0, 200), from: day("from"), to: day("to") };
}

/**
 * The instant a Paris day starts, "2026-12-06" → "2026-12-05T23:00:00.000Z": the browser may sit in
 * another zone, the territory's days are Paris days. It could move to lib/format.js.
 */
export function parisMidnight(day) {
  const [y, m, d] = day.split("-").map(Number);
  const utc = Date.UTC(y, m - 1, d);
  const format = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hourCycle: "h23",
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
  const parts = Object.fromEntries(format.formatToParts(new Date(utc)).map((p) => [p.type, p.value]));
  const paris = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute);
  return new Date(utc - (paris - utc)).toISOString();
}

function nextDay(day) {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export function mount(el, params, ctx) {
  if (!ctx.me || ctx.me.role !== "admin") {
    el.append(h("div", { class: "screen audit" }, h("h2", { text: "Journal d'audit" }),
      h("p", { class: "notice refused", role: "status", text: "Réservé aux administrateurs : le journal d'audit "
        + "n'est montré qu'aux comptes administrateur." })));
    view = null;
    return undefined;
  }
  view = { el, filters: filters(params.query), items: [], next: null, session: 0 };
  view.username = h("input", { id: "audit-username", name: "username", maxlength: "200", autocomplete: "off" });
  view.from = h("input", { id: "audit-from", name: "from", type: "date" });
  view.to = h("input", { id: "audit-to", name: "to", type: "date" });
  view.problem = h("p", { class: "notice", role: "status" });
  view.count = h("p", { class: "audit-count" });
  view.heading = h("h3", { id: "audit-title", tabindex: "-1", text: "Écritures enregistrées" });
  view.rows = h("tbody");
  view.table = h("table", { class: "audit-table" }, h("caption", { text: "Écritures faites par l'API, les plus "
    + "récentes d'abord" }),
  h("thead", {}, h("tr", {}, ...COLUMNS.map((label) => h("th", { scope: "col", text: label })))), view.rows);
  view.empty = h("p", { class: "empty", hidden: true, text: "Aucune écriture pour ces filtres." });
  view.more = h("button", { type: "button", class: "more", hidden: true, text: "Voir plus", onclick: () => more() });
  const field = (input, label) => h("span", { class: "filter" }, h("label", { for: input.id, text: label }), input);
  el.append(h("div", { class: "screen audit" }, h("h2", { text: "Journal d'audit" }),
    h("form", { class: "audit-filters", "aria-label": "Filtrer le journal", onsubmit: (e) => filtered(e) },
      field(view.username, "Compte"), field(view.from, "Du"), field(view.to, "Au (inclus)"),
      h("button", { type: "submit", text: "Filtrer" })),
    view.problem,
    h("section", { class: "audit-panel", "aria-labelledby": "audit-title" }, view.heading, view.count, view.empty,
      h("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-labelledby": "audit-title" }, view.table),
      view.more)));
  showFilters();
  return load();
}

export function update(params) {
  if (!view) return undefined;
  view.filters = filters(params.query);
  showFilters();
  return load();
}

export function unmount() {
  if (view) view.session++;
  view = null;
}

function showFilters() {
  view.username.value = view.filters.username;
  view.from.value = view.filters.from;
  view.to.value = view.filters.to;
}

function filtered(event) {
  event.preventDefault();
  const q = new URLSearchParams();
  if (view.username.value.trim()) q.set("username", view.username.value.trim());
  if (DAY.test(view.from.value)) q.set("from", view.from.value);
  if (DAY.test(view.to.value)) q.set("to", view.to.value);
  const address = "#/audit" + (q.toString() ? "?" + q : "");
  if (location.hash === address) load();
  else location.hash = address;
}

function listPath(f) {
  const q = new URLSearchParams({ limit: PAGE });
  if (f.username) q.set("username", f.username);
  if (f.from) q.set("from", parisMidnight(f.from));
  if (f.to) q.set("to", parisMidnight(nextDay(f.to)));
  return "/api/audit?" + q;
}

async function load() {
  const current = view;
  const mine = ++current.session;
  if (current.filters.from && current.filters.to && current.filters.to < current.filters.from) {
    text(current.problem, "Le dernier jour (« Au ») doit venir après le premier (« Du »).");
    current.items = [];
    current.next = null;
    draw();
    return;
  }
  try {
    const answer = await page(listPath(current.filters));
    if (current !== view || mine !== current.session) return;
    current.items = answer.items;
    current.next = answer.next;
    text(current.problem, "");
    draw();
  } catch (error) {
    if (error instanceof LoggedOut || current !== view) return;
    text(current.problem, error.status === 403 ? "Réservé aux administrateurs."
      : "Le journal n'a pas pu être lu : " + error.message);
  }
}

async function more() {
  const current = view;
  if (!current || !current.next) return;
  const mine = current.session;
  try {
    const answer = await page(current.next);
    if (current !== view || mine !== current.session) return;
    const seen = new Set(current.items.map((row) => row.id));
    current.items.push(...answer.items.filter((row) => !seen.has(row.id)));
    current.next = answer.next;
    draw();
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) text(current.problem, "Voir plus : " + error.message);
  }
}

function draw() {
  text(view.count, plural(view.items.length, "écriture affichée", "écritures affichées")
    + (view.next ? " (il y en a d'autres)" : "") + ".");
  view.empty.hidden = view.items.length > 0;
  view.table.hidden = view.items.length === 0;
  view.more.hidden = !view.next;
  const create = () => h("tr", {}, ...COLUMNS.map((label) => h("td", { "data-label": label })));
  keyed(view.rows, view.items, (row) => row.id, create,
    (tr, row) => {
      const cells = tr.children;
      tr.className = row.status >= 400 ? "refused" : "";
      text(cells[0], dateAndTime(row.at));
      text(cells[1], row.username || "inconnu");
      text(cells[2], row.method + " " + row.path);
      text(cells[3], row.status);
      text(cells[4], row.remoteAddress || "–");
      text(cells[5], row.summary || "–");
    });
}
