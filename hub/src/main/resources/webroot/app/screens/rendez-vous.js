// Rendez-vous of a place, one day at a time (the day is in the address: "#/rendez-vous/rozoy?day=2026-12-08"):
// the slots booked (first name, code, taken at the kiosk) and free, a booking cancelled, a free slot removed,
// a day cut in new slots. Read again when the hub says the place's appointments changed (live "place" event:
// a booking at the kiosk…), after a reconnection and after the user's own actions; the list is keyed.
import { h, keyed, text } from "../lib/dom.js";
import { LoggedOut, fetchAll } from "../lib/http.js";
import { confirmAction } from "../lib/confirm.js";
import { today } from "../lib/format.js";
import { field, hourOf, keepPlace, notTheirs, notice, refusal, runsPlaces, saidMissing, send, startOn }
  from "../lib/place-bookings.js";

export const title = "Rendez-vous";

const REQUIRED = [["ap-f-day", "le jour"], ["ap-f-from", "l'heure de début"], ["ap-f-to", "l'heure de fin"],
  ["ap-f-minutes", "la durée d'un rendez-vous"], ["ap-f-place", "le lieu du rendez-vous"]];
const longDay = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", weekday: "long", day: "numeric",
  month: "long" });

let view = null;

function dayOf(params) {
  const day = new URLSearchParams(params.query || "").get("day");
  return day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : today();
}

export async function mount(el, params, ctx) {
  view = { el, ctx, site: null, day: dayOf(params), slots: [], asked: 0, offs: [] };
  const current = view;
  if (!runsPlaces(ctx.me.role)) {
    notTheirs(el, "rendez-vous", title);
    return;
  }
  build(current);
  await startOn(current, params.site, () => current === view, { screen: "rendez-vous", chooserId: "ap-site",
    what: "appointments", emptyWords: "Aucun lieu n'est enregistré : les rendez-vous viendront avec le premier.",
    load });
}

/** Another day of the same place: only the list is read again (the form keeps what is typed). */
export function update(params) {
  if (!view || keepPlace(view, params, "rendez-vous")) return undefined;
  if (view.site && params.site === view.site) {
    if (dayOf(params) === view.day) return undefined;
    view.day = dayOf(params);
    view.dayField.value = view.day;
    return load(view);
  }
  return false;
}

export function unmount() {
  if (!view) return;
  view.offs.forEach((off) => off());
  view = null;
}

function goTo(current, day) {
  if (!current.site || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
  location.hash = "#/rendez-vous/" + encodeURIComponent(current.site) + "?day=" + day;
}

function build(current) {
  current.top = h("div", { class: "place-top" }, h("h2", { id: "ap-title", text: title }));
  current.notice = h("p", { id: "ap-notice", class: "place-notice", role: "status", "aria-live": "polite" });
  current.dayField = h("input", { id: "ap-day", type: "date", onchange: () => goTo(current, current.dayField.value) });
  current.dayField.value = current.day;
  current.summary = h("p", { id: "ap-summary" });
  current.list = h("ul", { id: "ap-list", class: "cw-list" });
  current.el.append(h("div", { id: "appointments", class: "place-page rendez-vous", "aria-labelledby": "ap-title" },
    current.top, current.notice,
    h("div", { class: "cw-bar" }, h("label", { for: "ap-day", text: "Jour" }), current.dayField, current.summary),
    current.list, slotsForm(current)));
}

async function load(current) {
  if (current !== view || !current.site) return;
  const number = ++current.asked;
  const day = current.day;
  try {
    const { items } = await fetchAll("/api/appointments?" + new URLSearchParams({ site: current.site, day }));
    if (current !== view || number !== current.asked) return;
    current.slots = items;
    const booked = items.filter((slot) => !slot.free).length;
    const free = items.length - booked;
    text(current.summary, items.length ? booked + " rendez-vous, " + free + " créneau" + (free > 1 ? "x" : "")
      + " libre" + (free > 1 ? "s" : "") : "Aucun créneau ce jour-là.");
    keyed(current.list, items, (slot) => slot.id + (slot.free ? "" : "-" + slot.booking.code),
      (slot) => slotItem(current, slot), () => {});
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) notice(current.notice, "Le hub ne répond pas : "
      + error.message, true);
  }
}

function slotItem(current, slot) {
  const at = hourOf(slot.start);
  return h("li", { class: "cw-item slot " + (slot.free ? "free" : "booked") },
    h("strong", { text: at + " – " + hourOf(slot.end) + " · " + (slot.free ? "Libre" : slot.booking.firstName) }),
    h("span", { class: "detail", text: (slot.with === "van" ? "Bus France Services, " : "") + slot.place
      + (slot.free ? "" : " · code " + slot.booking.code
        + (slot.booking.source === "kiosk" ? " · pris à la borne" : "")) }),
    h("button", { type: "button", class: "quiet-danger",
      text: slot.free ? "Supprimer le créneau" : "Annuler le rendez-vous",
      "aria-label": (slot.free ? "Supprimer le créneau de " : "Annuler le rendez-vous de ") + at,
      onclick: () => cancel(current, slot) }));
}

async function cancel(current, slot) {
  const at = hourOf(slot.start);
  const question = slot.free ? "Supprimer le créneau de " + at + " ?"
    : "Annuler le rendez-vous de " + slot.booking.firstName + " à " + at + " ?";
  if (!(await confirmAction(question, slot.free ? "Supprimer" : "Annuler le rendez-vous"))) return;
  try {
    const result = slot.free ? await send("DELETE", "/api/appointments/slots/" + encodeURIComponent(slot.id))
      : await send("DELETE", "/api/appointments/bookings/" + encodeURIComponent(slot.booking.code));
    if (current !== view) return;
    notice(current.notice, result.ok ? (slot.free ? "Créneau supprimé." : "Rendez-vous de "
      + slot.booking.firstName + " annulé : le créneau est libre.") : refusal(result), !result.ok);
    await load(current);
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) notice(current.notice, "Le hub ne répond pas : "
      + error.message, true);
  }
}

function slotsForm(current) {
  const input = (id, attrs) => h("input", { id, autocomplete: "off", ...attrs });
  const error = h("p", { class: "field-error", id: "ap-form-error", role: "alert", hidden: true });
  const form = h("form", { id: "ap-form", class: "cw-form", novalidate: true, "aria-labelledby": "ap-form-title" },
    h("h3", { id: "ap-form-title", text: "Ouvrir des créneaux" }),
    field("Jour", input("ap-f-day", { type: "date" })),
    h("div", { class: "cw-pair" },
      h("div", {}, ...field("De", input("ap-f-from", { type: "time", step: "300", value: "09:00" }))),
      h("div", {}, ...field("À", input("ap-f-to", { type: "time", step: "300", value: "12:00" })))),
    field("Durée d'un rendez-vous (minutes)", input("ap-f-minutes", { type: "number", min: "5", max: "240", value: "30",
      inputmode: "numeric" })),
    field("Avec", h("select", { id: "ap-f-with" }, h("option", { value: "mediator", text: "le médiateur du lieu" }),
      h("option", { value: "van", text: "les agents du bus France Services" }))),
    field("Où", input("ap-f-place", { maxlength: "160", value: "Bureau du médiateur" })),
    field("Commune de l'arrêt du bus (facultatif)", input("ap-f-commune", { maxlength: "63",
      placeholder: "par exemple : parfondeval" })),
    error,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", text: "Créer les créneaux" })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (id) => form.querySelector("#" + id).value.trim();
    if (saidMissing(form, error, REQUIRED)) return;
    const body = { site: current.site, day: value("ap-f-day"), from: value("ap-f-from"), to: value("ap-f-to"),
      minutes: Number(value("ap-f-minutes")), with: value("ap-f-with"), place: value("ap-f-place") };
    if (value("ap-f-commune")) body.commune = value("ap-f-commune");
    try {
      const result = await send("POST", "/api/appointments/slots", body);
      if (current !== view) return;
      if (!result.ok) {
        error.textContent = refusal(result);
        error.hidden = false;
        return;
      }
      error.hidden = true;
      notice(current.notice, result.body.items.length + " créneaux créés le "
        + longDay.format(new Date(body.day + "T12:00:00Z")) + ".", false);
      if (body.day === current.day) await load(current);
      else goTo(current, body.day);
    } catch (failure) {
      if (!(failure instanceof LoggedOut) && current === view) notice(current.notice, "Le hub ne répond pas : "
        + failure.message, true);
    }
  });
  return form;
}
