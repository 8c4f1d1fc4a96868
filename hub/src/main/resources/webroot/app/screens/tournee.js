// Tournée du bus France Services: the van's next visits, its exceptions (a visit cancelled, moved or added,
// a day without tour) and its regular stops, for the van's agents and those who run places; the link to the
// public calendar feed. The forms are tournee-forms.js's; here the lists, drawn keyed so that a refresh
// changes only what changed and leaves the forms as typed.
import { h, keyed, text } from "../lib/dom.js";
import { LoggedOut, fetchAll, getJson } from "../lib/http.js";
import { confirmAction } from "../lib/confirm.js";
import { DAY_LABELS, fillSelect, notTheirs, notice, placeDay, placeTime, refusal, runsPlaces, send }
  from "./horaires-common.js";
import { EXCEPTION_LABELS, exceptionForm, stopForm } from "./tournee-forms.js";

export const title = "Tournée du bus France Services";

const VISIT_STATUS_LABELS = { planned: "Prévu", added: "Passage ajouté", moved: "Passage déplacé",
  cancelled: "Annulé" };
const ORDINAL_LABELS = { 1: "1er", 2: "2e", 3: "3e", 4: "4e", "-1": "dernier" };

let view = null;

export function mount(el, params, ctx) {
  const { me, live } = ctx;
  if (!runsPlaces(me.role)) {
    el.append(notTheirs(title));
    view = { el, offs: [], session: 0 };
    return undefined;
  }
  const v = { el, communes: [], visits: [], stops: [], exceptions: [], session: 0, offs: [] };
  view = v;
  v.notice = h("p", { id: "vt-notice", class: "place-notice", role: "status", "aria-live": "polite" });
  v.example = h("p", { id: "vt-example", hidden: true, text: "Exemple de tournée (données fictives)." });
  v.incomplete = h("p", { class: "place-notice error", hidden: true,
    text: "Liste incomplète : le hub a répondu trop de pages." });
  v.visitList = h("ul", { id: "vt-visits", class: "cw-list" });
  // Two weeks first: on a phone in the van the next days matter, two months of stops are a long scroll.
  v.allVisits = false;
  v.moreVisits = h("button", { type: "button", id: "vt-more", hidden: true, onclick: () => {
    v.allVisits = true;
    drawVisits();
  } });
  v.exceptionList = h("ul", { id: "vt-exceptions", class: "cw-list" });
  v.stopList = h("ul", { id: "vt-stops", class: "cw-list" });
  const saved = (words) => {
    if (v !== view) return undefined;
    notice(v.notice, words, false);
    return load();
  };
  v.forms = { exception: exceptionForm(saved), stop: stopForm(saved) };
  el.append(h("div", { class: "place-page tournee" },
    h("div", { class: "place-top" }, h("h2", { id: "vt-title", text: title }),
      h("p", {}, h("a", { id: "vt-ics", href: "/api/van/tour.ics", text: "Calendrier de la tournée (à ajouter à un agenda)" }))),
    v.notice, v.example, v.incomplete,
    h("h3", { text: "Prochains passages" }), v.visitList, v.moreVisits,
    h("h3", { text: "Exceptions" }), v.exceptionList, v.forms.exception.form,
    h("h3", { text: "Arrêts réguliers" }), v.stopList, v.forms.stop.form));
  v.offs = [
    live.on("place", (data) => data && data.what === "tour" && v === view && load()),
    live.on("reset", () => v === view && load()),
    live.on("refresh", () => v === view && load()),
  ];
  return load();
}

export function unmount() {
  if (!view) return;
  view.offs.forEach((off) => off());
  view.session++;
  view = null;
}

async function load() {
  const v = view;
  if (!v || !v.forms) return;
  const mine = ++v.session;
  try {
    const [communes, visits, stops, exceptions] = await Promise.all([getJson("/api/van/communes"),
      fetchAll("/api/van/visits"), fetchAll("/api/van/stops"), fetchAll("/api/van/exceptions")]);
    if (v !== view || mine !== v.session) return;
    v.communes = communes.items.filter((c) => c.vanServed);
    v.visits = visits.items;
    v.stops = stops.items;
    v.exceptions = exceptions.items;
    v.example.hidden = !communes.example;
    v.incomplete.hidden = visits.complete && stops.complete && exceptions.complete;
    const communeOptions = v.communes.map((c) => [c.id, c.name]);
    fillSelect(v.forms.exception.commune, communeOptions, "Choisir une commune");
    fillSelect(v.forms.stop.commune, communeOptions, "Choisir une commune");
    fillSelect(v.forms.exception.visit, v.visits.filter((visit) => visit.stop && visit.status === "planned")
      .map((visit) => [visit.stop + "|" + visit.start.substring(0, 10), visitLabel(visit)]), "Choisir un passage");
    drawVisits();
    drawExceptions();
    drawStops();
  } catch (error) {
    if (!(error instanceof LoggedOut) && v === view) notice(v.notice, "Le hub ne répond pas : " + error.message, true);
  }
}

function visitLabel(visit) {
  return visit.communeName + " — " + placeDay(visit.start) + ", " + placeTime(visit.start) + " – "
    + placeTime(visit.end);
}

/** Empty lists say so; a list with rows is drawn keyed. */
function drawList(list, items, emptyText, key, create, update) {
  if (!items.length) {
    list.replaceChildren(h("li", { class: "empty", text: emptyText }));
    return;
  }
  list.querySelectorAll(":scope > .empty").forEach((e) => e.remove());
  keyed(list, items, key, create, update);
}

const FIRST_DAYS = 14;

function drawVisits() {
  const until = new Date(Date.now() + FIRST_DAYS * 86400000).toISOString();
  const soon = view.visits.filter((visit) => new Date(visit.start).toISOString() < until);
  const shown = view.allVisits ? view.visits : soon;
  const later = view.visits.length - shown.length;
  view.moreVisits.hidden = later === 0;
  text(view.moreVisits, "Voir les " + later + " passages suivants (jusqu'à deux mois)");
  drawList(view.visitList, shown, view.visits.length ? "Aucun passage dans les deux semaines."
    : "Aucun passage prévu dans les deux mois.",
    (visit) => (visit.stop || visit.exception) + "|" + visit.start,
    () => h("li", {}, h("strong"), h("span", { class: "status" }), h("span", { class: "detail" })),
    (row, visit) => {
      row.className = "cw-item visit " + visit.status;
      const [name, status, when] = row.children;
      text(name, visit.communeName);
      text(when, placeDay(visit.start) + ", " + placeTime(visit.start) + " – " + placeTime(visit.end)
        + " · " + visit.place);
      status.hidden = visit.status === "planned";
      text(status, visit.status === "planned" ? "" : VISIT_STATUS_LABELS[visit.status]
        + (visit.note ? " : " + visit.note : ""));
    });
}

function exceptionText(e) {
  const stop = view.stops.find((s) => s.id === e.stop);
  const commune = view.communes.find((c) => c.id === e.commune);
  const where = e.kind === "added" ? (commune ? commune.name : e.commune) : stop ? stop.communeName : "";
  let words = EXCEPTION_LABELS[e.kind] + " · " + placeDay(e.date) + (where ? " · " + where : "");
  if (e.kind === "moved") {
    words += " → " + placeDay(e.toDate || e.date) + (e.start ? ", " + e.start + " – " + e.end : "")
      + (e.place ? ", " + e.place : "");
  }
  if (e.kind === "added") words += ", " + e.start + " – " + e.end + ", " + e.place;
  if (e.reason) words += " (" + e.reason + ")";
  return words;
}

function drawExceptions() {
  drawList(view.exceptionList, view.exceptions, "Aucune exception.", (e) => e.id,
    (e) => removable(() => view.exceptions.find((x) => x.id === e.id), deleteException),
    (row, e) => {
      row.className = "cw-item exception " + e.kind;
      const words = exceptionText(e);
      text(row.firstChild, words);
      row.lastChild.setAttribute("aria-label", "Supprimer l'exception « " + words + " »");
    });
}

function drawStops() {
  drawList(view.stopList, view.stops, "Aucun arrêt régulier.", (s) => s.id,
    (s) => removable(() => view.stops.find((x) => x.id === s.id), deleteStop, h("strong")),
    (row, stop) => {
      row.className = "cw-item stop";
      const [name, when, remove] = row.children;
      text(name, stop.communeName);
      text(when, " · le " + ORDINAL_LABELS[stop.ordinal] + " " + DAY_LABELS[stop.weekday].toLowerCase()
        + " du mois, " + stop.start + " – " + stop.end + " · " + stop.place);
      remove.setAttribute("aria-label", "Supprimer l'arrêt de " + stop.communeName);
    });
}

/** A row with its text and a "Supprimer" button for the item found again when clicked. */
function removable(find, remove, ...before) {
  return h("li", {}, ...before, h("span"), h("button", { type: "button", class: "remove", text: "Supprimer",
    onclick: () => {
      const item = find();
      if (item) remove(item);
    } }));
}

async function deleteStop(stop) {
  const v = view;
  if (!(await confirmAction("Supprimer l'arrêt de " + stop.communeName + " et ses exceptions ?", "Supprimer"))) return;
  if (v !== view) return;
  const result = await send("DELETE", "/api/van/stops/" + encodeURIComponent(stop.id));
  if (v !== view) return;
  notice(v.notice, result.ok ? "Arrêt supprimé." : refusal(result), !result.ok);
  await load();
}

async function deleteException(exception) {
  const v = view;
  const words = exceptionText(exception);
  if (!(await confirmAction("Supprimer l'exception « " + words + " » ?", "Supprimer"))) return;
  if (v !== view) return;
  const result = await send("DELETE", "/api/van/exceptions/" + encodeURIComponent(exception.id));
  if (v !== view) return;
  notice(v.notice, result.ok ? "Exception supprimée." : refusal(result), !result.ok);
  await load();
}
