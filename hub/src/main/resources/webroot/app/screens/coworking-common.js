// What the coworking screen's tabs share: the words for statuses and reasons, dates in the browser's own
// time (the forms' <input type=date|time> are local too), the calls to /api/coworking with the site, every
// list read to its end (the coworking routes answer {items, next} pages), and the hub's refusals in words.
import { h } from "../lib/dom.js";
import { fetchAll } from "../lib/http.js";
export { fillSelect, refusal, send } from "../lib/place-forms.js";

export const MEMBER_STATUS_LABELS = { active: "Actif", suspended: "Suspendu", revoked: "Révoqué" };
export const WEEKDAYS = [["mon", "Lundi"], ["tue", "Mardi"], ["wed", "Mercredi"], ["thu", "Jeudi"],
  ["fri", "Vendredi"], ["sat", "Samedi"], ["sun", "Dimanche"]];

/** Who runs this screen: the roles of ISSUE 11; a viewer or a mediator has the other screens. */
export function mayCowork(role) {
  return role === "admin" || role === "technician" || role === "manager";
}

/** path?site=…&…: {site: null} leaves the site out (a route about one thing, a member's badges). */
export function cwPath(site, path, params = {}) {
  const query = new URLSearchParams();
  if (site && !("site" in params)) query.set("site", site);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(name, value);
  }
  const text = query.toString();
  return path + (text ? (path.includes("?") ? "&" : "?") + text : "");
}

/** Every item of a coworking list of the site, page after page (never cut at the first page). */
export async function listAll(site, path, params) {
  return (await fetchAll(cwPath(site, path, params))).items;
}

/** The badge as people call it: its last 4 hex digits, never the number. */
export function badgeLabel(label) {
  return "Badge …" + String(label || "????").toUpperCase();
}

export function frTime(iso) {
  return new Date(iso).toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" });
}

export function frDay(iso) {
  return new Date(iso).toLocaleDateString("fr-FR", { weekday: "long", day: "numeric", month: "long" });
}

/** "aujourd'hui à 09:12", "hier à 18:40", else the day in words. */
export function frDateTime(iso) {
  const day = new Date(iso);
  const now = new Date();
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  const same = (a, b) => a.toDateString() === b.toDateString();
  const when = same(day, now) ? "aujourd'hui" : same(day, yesterday) ? "hier" : frDay(iso);
  return when + " à " + frTime(iso);
}

/** yyyy-mm-dd of a local date, as <input type=date> wants it. */
export function isoDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
}

export function action(label, cls, onClick) {
  return h("button", { type: "button", class: cls || undefined, text: label, onclick: onClick });
}

/** A labelled field: [label, control] for a .cw-form grid. */
export function field(id, label, control) {
  control.id = id;
  return [h("label", { for: id, text: label }), control];
}

export function checkBox(id, value, label, checked) {
  const box = h("input", { type: "checkbox", id, value });
  box.checked = checked;
  return h("label", { class: "check", for: id }, box, " " + label);
}

/** A form's own error line beside it: the text, the field marked and focused. */
export function problemLine(id) {
  const line = h("p", { class: "field-error", id, role: "alert", hidden: true });
  line.say = (text, input, form) => {
    line.textContent = text || "";
    line.hidden = !text;
    if (form) form.querySelectorAll("[aria-invalid]").forEach((f) => f.removeAttribute("aria-invalid"));
    if (input) {
      if (form) input.setAttribute("aria-invalid", "true");
      input.focus();
    }
  };
  return line;
}
