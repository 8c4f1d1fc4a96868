// What the screens "Horaires" and "Tournée du bus" share: the days' names, the place's dates and times in
// words, and (from lib/place-forms.js) the writes, refusals, notice and error lines of every place page.
import { h } from "../lib/dom.js";
import { longDay } from "../lib/format.js";
export { fieldError, fillSelect, notice, refusal, runsPlaces, send } from "../lib/place-forms.js";

export const DAY_LABELS = { MONDAY: "Lundi", TUESDAY: "Mardi", WEDNESDAY: "Mercredi", THURSDAY: "Jeudi",
  FRIDAY: "Vendredi", SATURDAY: "Samedi", SUNDAY: "Dimanche" };

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

/** A labelled field in its own <div>: the label first, the control keeping its id. */
export function field(label, control, attrs = {}) {
  return h("div", attrs, h("label", { for: control.id, text: label }), control);
}
