// Alertes: the alerts of the territory (a site-scoped account's own place only), filtered by place,
// severity and state, the filters kept in the address (#/alertes?site=…&severity=…&state=…), the history
// page by page ("Voir plus" follows Link). Technicians take an alert in hand or close it with a comment.
// Rows are keyed by alert id: a live `alert` event or a refresh changes a row's text in place, so a
// comment being typed keeps its text, its caret and the focus.
import { h, keyed, text } from "../lib/dom.js";
import { plural } from "../lib/format.js";
import { LoggedOut, api, fetchAll } from "../lib/http.js";
import { page, pages } from "./pages.js";
import { createRow, updateRow } from "./alertes-row.js";

export const title = "Alertes";
const PAGE = 50;
const STATES = [["active", "En cours"], ["open", "Ouvertes"],
  ["acknowledged", "Prises en charge"], ["cleared", "Clôturées (historique)"]];
const SEVERITIES = [["", "Toutes"], ["critical", "Critique"], ["warning", "À surveiller"], ["info", "Information"]];

let view = null;

/** The filters the address asks for, unknown values dropped (the hub would refuse them with a 400). */
function filters(query) {
  const asked = new URLSearchParams(query || "");
  const state = asked.get("state") || "active";
  const severity = asked.get("severity") || "";
  return { site: asked.get("site") || "", severity: SEVERITIES.some(([v]) => v === severity) ? severity : "",
    state: STATES.some(([v]) => v === state) ? state : "active" };
}

export function mount(el, params, ctx) {
  const acts = ctx.me && (ctx.me.role === "admin" || ctx.me.role === "technician");
  view = { el, ctx, acts, filters: filters(params.query), items: [], pagesShown: 1, next: null, session: 0, offs: [],
    names: new Map(), act };
  view.site = h("select", { id: "filter-site", name: "site" }, h("option", { value: "", text: "Tous les lieux" }));
  view.severity = h("select", { id: "filter-severity", name: "severity" },
    ...SEVERITIES.map(([value, label]) => h("option", { value, text: label })));
  view.state = h("select", { id: "filter-state", name: "state" },
    ...STATES.map(([value, label]) => h("option", { value, text: label })));
  for (const select of [view.site, view.severity, view.state]) select.addEventListener("change", () => filtered());
  view.notice = h("p", { class: "alert-done", role: "status", "aria-live": "polite" });
  view.problem = h("p", { class: "notice", role: "status" });
  view.count = h("p", { class: "alert-count" });
  view.heading = h("h3", { id: "alerts-list-title", tabindex: "-1", text: "Liste des alertes" });
  view.list = h("ul", { class: "alert-list", "aria-labelledby": "alerts-list-title" });
  view.empty = h("p", { class: "empty", hidden: true, text: "Aucune alerte pour ces filtres." });
  view.more = h("button", { type: "button", class: "more", hidden: true, text: "Voir plus", onclick: () => more() });
  el.append(h("div", { class: "screen alertes" }, h("h2", { text: "Alertes" }),
    h("form", { class: "alert-filters", "aria-label": "Filtrer les alertes", onsubmit: (e) => e.preventDefault() },
      h("span", { class: "filter" }, h("label", { for: "filter-site", text: "Lieu" }), view.site),
      h("span", { class: "filter" }, h("label", { for: "filter-severity", text: "Gravité" }), view.severity),
      h("span", { class: "filter" }, h("label", { for: "filter-state", text: "État" }), view.state)),
    view.problem, view.notice,
    h("section", { class: "alerts-panel", "aria-labelledby": "alerts-list-title" },
      view.heading, view.count, view.empty, view.list, view.more)));
  showFilters();
  loadSites(view);
  const live = ctx.live;
  view.offs = [
    live.on("alert", (a) => view && changed(a)),
    live.on("refresh", () => load()),
    live.on("reset", () => load()),
  ];
  return load();
}

/** The address changed (a filter, the back button): the list is read again, the screen stays. */
export function update(params) {
  if (!view) return undefined;
  view.filters = filters(params.query);
  view.pagesShown = 1;
  showFilters();
  return load();
}

export function unmount() {
  if (!view) return;
  view.offs.forEach((off) => off());
  view.session++;
  view = null;
}

function showFilters() {
  view.severity.value = view.filters.severity;
  view.state.value = view.filters.state;
  if (view.filters.site && ![...view.site.options].some((o) => o.value === view.filters.site)) {
    view.site.append(h("option", { value: view.filters.site, text: view.filters.site }));
  }
  view.site.value = view.filters.site;
}

/** A filter chosen: it goes into the address, so that a reload or a shared link shows the same list. */
function filtered() {
  const q = new URLSearchParams();
  if (view.site.value) q.set("site", view.site.value);
  if (view.severity.value) q.set("severity", view.severity.value);
  if (view.state.value !== "active") q.set("state", view.state.value);
  const query = q.toString();
  location.hash = "#/alertes" + (query ? "?" + query : "");
}

async function loadSites(current) {
  try {
    const sites = await fetchAll("/api/sites");
    if (current !== view) return;
    const options = sites.items.sort((a, b) => (a.name || a.id).localeCompare(b.name || b.id, "fr"));
    options.forEach((site) => current.names.set(site.id, site.name || site.id));
    keyed(current.site, [{ id: "", name: "Tous les lieux" }, ...options], (s) => s.id,
      (s) => h("option", { value: s.id }), (option, s) => text(option, s.name || s.id));
    current.site.value = current.filters.site;
    if (current.loaded) draw(); // the rows name their places
  } catch (error) {
    // The list of places is a convenience: the filter in the address still works without it.
  }
}

function listPath() {
  const q = new URLSearchParams({ state: view.filters.state, limit: PAGE });
  if (view.filters.site) q.set("site", view.filters.site);
  if (view.filters.severity) q.set("severity", view.filters.severity);
  return "/api/alerts?" + q;
}

async function load() {
  if (!view) return;
  const current = view;
  const mine = ++current.session;
  try {
    const answer = await pages(listPath(), current.pagesShown);
    if (current !== view || mine !== current.session) return;
    current.items = answer.items;
    current.next = answer.next;
    current.loaded = true;
    text(current.problem, "");
    draw();
  } catch (error) {
    if (error instanceof LoggedOut || current !== view) return;
    text(current.problem, "Les alertes n'ont pas pu être lues : " + error.message);
  }
}

async function more() {
  const current = view;
  if (!current || !current.next) return;
  try {
    const answer = await page(current.next);
    if (current !== view) return;
    const seen = new Set(current.items.map((a) => a.id));
    current.items.push(...answer.items.filter((a) => !seen.has(a.id)));
    current.next = answer.next;
    current.pagesShown++;
    draw();
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) text(current.problem, "Voir plus : " + error.message);
  }
}

function matches(alert) {
  const f = view.filters;
  return (!f.site || alert.site === f.site) && (!f.severity || alert.severity === f.severity)
    && (f.state === "active" ? alert.state !== "cleared" : alert.state === f.state);
}

/** A live alert (opened, acknowledged, cleared): its row changes, appears or goes, the others stay. */
function changed(alert) {
  const at = view.items.findIndex((a) => a.id === alert.id);
  if (matches(alert)) {
    if (at >= 0) view.items[at] = alert;
    else view.items.unshift(alert);
  } else if (at >= 0) {
    view.items.splice(at, 1);
  }
  draw();
}

function draw() {
  const items = [...view.items].sort((a, b) => b.openedAt.localeCompare(a.openedAt) || a.id.localeCompare(b.id));
  const drawnFor = JSON.stringify(view.filters);
  if (view.drawnFor === drawnFor) meanwhile(items);
  view.drawnFor = drawnFor;
  text(view.count, plural(items.length, "alerte affichée", "alertes affichées") + (view.next ? " (il y en a d'autres)"
    : "") + ".");
  view.empty.hidden = items.length > 0;
  view.more.hidden = !view.next;
  keyed(view.list, items, (a) => a.id, (a) => createRow(a, view), (row, a) => updateRow(row, a, view));
}

/**
 * A form left open on an alert that a colleague (or the hub) handled meanwhile, as the live channel or a
 * refresh tells: the form goes and the screen says why, rather than a refusal when it is sent.
 */
function meanwhile(items) {
  for (const form of view.list.querySelectorAll(".alert-form:not([hidden])")) {
    if (form.dataset.busy === "true") continue;
    const alert = items.find((a) => a.id === form.closest("li").dataset.key);
    if (!alert || alert.state === "cleared") {
      form.hidden = true;
      say(view, view.filters.state === "active" || (alert && alert.state === "cleared")
        ? "Cette alerte a été clôturée entre-temps : rien d'autre à faire."
        : "Cette alerte a été prise en charge ou clôturée entre-temps : rien d'autre à faire.");
    } else if (form.dataset.mode === "ack" && alert.state !== "open") {
      form.hidden = true;
      say(view, "Cette alerte a été prise en charge entre-temps par " + (alert.acknowledgedBy || "un collègue")
        + " : rien d'autre à faire.");
    }
  }
}

/** A sentence in the notice, emptied first: the same sentence twice in a row is announced twice. */
function say(current, words) {
  current.notice.textContent = "";
  current.notice.textContent = words;
}

function refusal(status) {
  if (status === 409) return "Un collègue a déjà pris en charge ou clôturé cette alerte : la liste est mise à jour.";
  if (status === 403) return "Votre compte ne permet pas de modifier les alertes.";
  if (status === 404) return "Cette alerte n'existe plus : la liste est mise à jour.";
  return "Le hub a refusé (erreur " + status + ") : réessayez dans un instant.";
}

async function act(row, mode, comment) {
  const id = row.dataset.key;
  const form = row.querySelector(".alert-form");
  if (form.dataset.busy === "true") return; // a double tap sends one request
  form.dataset.busy = "true";
  const current = view;
  try {
    const body = comment ? { comment } : {};
    const response = await api("/api/alerts/" + encodeURIComponent(id) + "/" + mode, "POST", body);
    if (current !== view) return;
    if (response.ok) {
      form.hidden = true;
      row.querySelector("input.comment").value = "";
      say(current, mode === "ack" ? "Alerte prise en charge." : "Alerte clôturée.");
      changed(await response.json());
      // The keyboard stays on the alert (its next action), or on the list once the alert left it.
      if (row.isConnected && mode === "ack") row.querySelector("button.clear").focus();
      else current.heading.focus();
    } else {
      if (response.status === 409 || response.status === 404) form.hidden = true; // nothing left to send
      say(current, refusal(response.status));
      load();
    }
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) say(current, "Le hub ne répond pas : " + error.message);
  } finally {
    delete form.dataset.busy;
  }
}
