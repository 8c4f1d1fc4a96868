// The two forms of "Tournée du bus": an exception (its fields change with its kind) and a regular stop.
// Built once per screen: a refresh of the lists only refills their choices, so what is typed stays.
import { h } from "../lib/dom.js";
import { DAY_LABELS, field, fieldError, refusal, send } from "./horaires-common.js";

export const EXCEPTION_LABELS = { cancelled: "Passage annulé", moved: "Passage déplacé", added: "Passage ajouté",
  closed: "Pas de tournée" };
const KINDS = [["cancelled", "Annuler un passage"], ["moved", "Déplacer un passage"], ["added", "Ajouter un passage"],
  ["closed", "Jour sans tournée (férié)"]];
const ORDINALS = [["1", "1er"], ["2", "2e"], ["3", "3e"], ["4", "4e"], ["-1", "dernier"]];
const START_END = "Donnez l'heure d'arrivée puis l'heure de départ du bus.";
const WHERE = "Indiquez où le bus stationne.";

function options(pairs) {
  return pairs.map(([value, label]) => h("option", { value, text: label }));
}

function time(id, value) {
  return h("input", { id, type: "time", step: "300", value });
}

function placeInput(id) {
  return h("input", { id, maxlength: "160", autocomplete: "off", placeholder: "Par exemple : place de la mairie" });
}

function submit(label) {
  return h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", text: label }));
}

/**
 * "Ajouter une exception": cancel or move a planned visit, add one, or a day without tour. saved(words)
 * is called after the hub took it (the screen says so and reads the tour again).
 */
export function exceptionForm(saved) {
  const f = {};
  f.kind = h("select", { id: "vt-x-kind" }, ...options(KINDS));
  f.visit = h("select", { id: "vt-x-visit" });
  f.commune = h("select", { id: "vt-x-commune" });
  f.date = h("input", { id: "vt-x-date", type: "date" });
  f.dateLabel = h("label", { for: "vt-x-date", id: "vt-x-date-label", text: "Jour" });
  f.start = time("vt-x-start", "");
  f.end = time("vt-x-end", "");
  f.place = placeInput("vt-x-place");
  f.reason = h("input", { id: "vt-x-reason", maxlength: "200", autocomplete: "off",
    placeholder: "Par exemple : panne du bus" });
  f.error = h("p", { class: "field-error", id: "vt-exception-error", role: "alert", hidden: true });
  f.visitField = field("Passage", f.visit, { id: "vt-x-visit-field", class: "vt-field" });
  f.communeField = field("Commune", f.commune, { id: "vt-x-commune-field", class: "vt-field" });
  f.dateField = h("div", { id: "vt-x-date-field", class: "vt-field" }, f.dateLabel, f.date);
  f.hours = h("div", { class: "cw-pair", id: "vt-x-hours" }, field("De", f.start), field("À", f.end));
  f.placeField = field("Lieu de stationnement", f.place, { id: "vt-x-place-field", class: "vt-field" });
  f.form = h("form", { id: "vt-exception-form", class: "cw-form", novalidate: true,
    "aria-labelledby": "vt-exception-title", onsubmit: (event) => addException(event, f, saved) },
  h("h3", { id: "vt-exception-title", text: "Ajouter une exception" }),
  h("label", { for: "vt-x-kind", text: "Exception" }), f.kind,
  f.visitField, f.communeField, f.dateField, f.hours, f.placeField,
  h("label", { for: "vt-x-reason", text: "Motif (facultatif)" }), f.reason, f.error,
  submit("Enregistrer l'exception"));
  f.kind.addEventListener("change", () => kindChanged(f));
  kindChanged(f);
  return f;
}

/** Shows the fields the chosen kind of exception needs. */
function kindChanged(f) {
  const kind = f.kind.value;
  f.visitField.hidden = !(kind === "cancelled" || kind === "moved");
  f.communeField.hidden = kind !== "added";
  f.dateField.hidden = kind === "cancelled";
  f.dateLabel.textContent = kind === "moved" ? "Nouveau jour" : "Jour";
  f.hours.hidden = !(kind === "moved" || kind === "added");
  f.placeField.hidden = !(kind === "moved" || kind === "added");
  fieldError(f.error, "");
}

async function addException(event, f, saved) {
  event.preventDefault();
  const value = (control) => control.value.trim();
  const kind = value(f.kind);
  const body = { kind };
  const problem = (words, control) => {
    fieldError(f.error, words);
    if (control) control.setAttribute("aria-invalid", "true");
  };
  f.form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
  if (kind === "cancelled" || kind === "moved") {
    if (!value(f.visit)) return problem("Choisissez le passage.", f.visit);
    [body.stop, body.date] = value(f.visit).split("|");
  }
  if (kind === "added") {
    if (!value(f.commune)) return problem("Choisissez la commune.", f.commune);
    body.commune = value(f.commune);
  }
  if (kind === "added" || kind === "closed") {
    if (!value(f.date)) return problem("Choisissez le jour.", f.date);
    body.date = value(f.date);
  }
  if (kind === "moved" && value(f.date)) body.toDate = value(f.date);
  if (kind === "moved" || kind === "added") {
    if (value(f.start) || value(f.end) || kind === "added") {
      if (!value(f.start) || !value(f.end) || value(f.start) >= value(f.end)) return problem(START_END, f.start);
      body.start = value(f.start);
      body.end = value(f.end);
    }
    if (value(f.place)) body.place = value(f.place);
    if (kind === "added" && !body.place) return problem(WHERE, f.place);
    if (kind === "moved" && !body.toDate && !body.start && !body.place) {
      return problem("Indiquez le nouveau jour, les nouvelles heures ou le nouveau lieu.", f.date);
    }
  }
  if (value(f.reason)) body.reason = value(f.reason);
  const result = await send("POST", "/api/van/exceptions", body);
  if (!result.ok) {
    return problem(result.status === 409 ? "Ce passage a déjà une exception : supprimez-la d'abord." : refusal(result));
  }
  fieldError(f.error, "");
  f.reason.value = "";
  return saved(EXCEPTION_LABELS[kind] + " : enregistré. Les bornes seront mises à jour.");
}

/** "Ajouter un arrêt régulier": a commune, where the bus parks, which weekday of the month, from when to when. */
export function stopForm(saved) {
  const f = {};
  f.commune = h("select", { id: "vt-s-commune" });
  f.place = placeInput("vt-s-place");
  f.ordinal = h("select", { id: "vt-s-ordinal" }, ...options(ORDINALS));
  f.weekday = h("select", { id: "vt-s-weekday" },
    ...options(Object.entries(DAY_LABELS).map(([value, label]) => [value, label.toLowerCase()])));
  f.weekday.value = "TUESDAY";
  f.start = time("vt-s-start", "09:00");
  f.end = time("vt-s-end", "12:00");
  f.error = h("p", { class: "field-error", id: "vt-stop-error", role: "alert", hidden: true });
  f.form = h("form", { id: "vt-stop-form", class: "cw-form", novalidate: true, "aria-labelledby": "vt-stop-title",
    onsubmit: (event) => addStop(event, f, saved) },
  h("h3", { id: "vt-stop-title", text: "Ajouter un arrêt régulier" }),
  h("label", { for: "vt-s-commune", text: "Commune" }), f.commune,
  h("label", { for: "vt-s-place", text: "Lieu de stationnement" }), f.place,
  h("div", { class: "cw-pair" }, field("Chaque mois, le", f.ordinal), field("Jour", f.weekday)),
  h("div", { class: "cw-pair" }, field("De", f.start), field("À", f.end)),
  f.error, submit("Ajouter l'arrêt"));
  return f;
}

async function addStop(event, f, saved) {
  event.preventDefault();
  const value = (control) => control.value.trim();
  if (!value(f.commune)) return fieldError(f.error, "Choisissez la commune.");
  if (!value(f.place)) return fieldError(f.error, WHERE);
  if (!value(f.start) || !value(f.end) || value(f.start) >= value(f.end)) return fieldError(f.error, START_END);
  const result = await send("POST", "/api/van/stops", { commune: value(f.commune), place: value(f.place),
    weekday: value(f.weekday), ordinal: Number(value(f.ordinal)), start: value(f.start), end: value(f.end) });
  if (!result.ok) return fieldError(f.error, refusal(result));
  fieldError(f.error, "");
  f.place.value = "";
  return saved("Arrêt ajouté : " + result.body.communeName + ".");
}
