// What the screens "Horaires" and "Tournée du bus" share: the days' names, the place's dates and times in
// words, a write to the hub with its refusal in plain French, a notice line and a <select> filled once.
// (send() and refusal() would belong in a lib/place-forms.js shared by every place page.)
import { h, text } from "../lib/dom.js";
import { api } from "../lib/http.js";
import { longDay } from "../lib/format.js";

export const DAY_LABELS = { MONDAY: "Lundi", TUESDAY: "Mardi", WEDNESDAY: "Mercredi", THURSDAY: "Jeudi",
  FRIDAY: "Vendredi", SATURDAY: "Samedi", SUNDAY: "Dimanche" };

/** Those who run places' pages; a viewer reads the places, not this. */
export function runsPlaces(role) {
  return ["admin", "technician", "mediator", "manager"].includes(role);
}

/** What a viewer sees instead of the page. */
export function notTheirs(title) {
  return h("div", { class: "place-page" }, h("h2", { text: title }),
    h("p", { class: "place-notice error", role: "status",
      text: "Cette page n'est pas la vôtre : elle sert à ceux qui font vivre les lieux. Votre compte (lecture seule)"
        + " peut consulter les lieux et leurs alertes." }));
}

/** The local time of an ISO-8601 text with its offset, as written (the place's time): "09:00". */
export function placeTime(iso) {
  return iso ? iso.substring(11, 16) : "";
}

/** "mardi 1 décembre" from "2026-12-01" or "2026-12-01T09:00:00+01:00" (the place's own day). */
export function placeDay(isoOrDate) {
  return longDay(isoOrDate.substring(0, 10));
}

/** A write: { ok, status, body } whatever the answer, the body read when it is JSON. */
export async function send(method, path, body) {
  const response = await api(path, method, body);
  let answer = null;
  try {
    answer = await response.json();
  } catch (notJson) {
    answer = null;
  }
  return { ok: response.ok, status: response.status, body: answer };
}

/** A refused answer in plain words. */
export function refusal(result) {
  const said = result.body && result.body.error;
  if (result.status === 403) return "Votre compte ne permet pas de faire cela.";
  if (result.status === 404) return "Introuvable : quelqu'un l'a peut-être supprimé. La liste est mise à jour.";
  if (result.status === 400) return "Le hub a refusé ces informations : " + (said || "vérifiez-les.");
  if (result.status === 409) return "Impossible : " + (said || "cela entre en conflit avec autre chose.");
  return "Le hub a refusé (erreur " + result.status + ") : réessayez dans un instant.";
}

/** The page's notice line: done (green) or error (red); empty hides it. */
export function notice(element, words, isError) {
  element.className = "place-notice" + (words ? (isError ? " error" : " done") : "");
  text(element, words);
}

/** A form's error line, beside its button. */
export function fieldError(element, words) {
  element.hidden = !words;
  text(element, words || "");
}

/** Fills a <select> only when its choices changed: a list open under a thumb is not closed by a refresh. */
export function fillSelect(select, options, emptyLabel) {
  const signature = JSON.stringify([emptyLabel, options]);
  if (select.dataset.options === signature) return;
  select.dataset.options = signature;
  const chosen = select.value;
  const nodes = [];
  if (emptyLabel !== undefined) nodes.push(h("option", { value: "", text: emptyLabel }));
  for (const [value, label] of options) nodes.push(h("option", { value, text: label }));
  select.replaceChildren(...nodes);
  if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
}

/** A labelled field: <div><label for=id>…</label>control</div>. */
export function field(label, control, attrs = {}) {
  return h("div", attrs, h("label", { for: control.id, text: label }), control);
}
