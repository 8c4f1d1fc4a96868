// Ateliers of a place: the workshops from yesterday on (professional ones said so), the registrations of the
// one opened, someone registered at the desk or unregistered, a workshop cancelled or created. Read again
// when the hub says the place's workshops changed (live "place" event: a registration at the kiosk…), after
// a reconnection and after the user's own actions; the lists are keyed, so a form keeps its text and focus.
import { h, keyed, text } from "../lib/dom.js";
import { LoggedOut, fetchAll } from "../lib/http.js";
import { confirmAction } from "../lib/confirm.js";
import { keepPlace, notTheirs, notice, refusal, runsPlaces, send, startOn, when }
  from "../lib/place-bookings.js";
import { workshopForm } from "./ateliers-form.js";

export const title = "Ateliers";

const LEVELS = { beginner: "Débutant", intermediate: "Intermédiaire", advanced: "Avancé" };

let view = null;

export async function mount(el, params, ctx) {
  view = { el, ctx, site: null, workshops: [], open: null, asked: 0, offs: [] };
  const current = view;
  if (!runsPlaces(ctx.me.role)) {
    notTheirs(el, "ateliers", title);
    return;
  }
  build(current);
  await startOn(current, params.site, () => current === view, { screen: "ateliers", chooserId: "ws-site",
    what: "workshops", emptyWords: "Aucun lieu n'est enregistré : les ateliers viendront avec le premier.", load });
}

export function update(params) {
  if (!view || (params.site && params.site === view.site) || keepPlace(view, params, "ateliers")) return undefined;
  return false;
}

export function unmount() {
  if (!view) return;
  view.offs.forEach((off) => off());
  view = null;
}

function build(current) {
  current.top = h("div", { class: "place-top" }, h("h2", { id: "ws-title", text: title }));
  current.notice = h("p", { id: "ws-notice", class: "place-notice", role: "status", "aria-live": "polite" });
  current.list = h("ul", { id: "ws-list", class: "cw-list" });
  current.detailTitle = h("h3", { id: "ws-detail-title", text: "Inscriptions" });
  current.registrations = h("ul", { id: "ws-registrations", class: "cw-list" });
  current.name = h("input", { id: "ws-r-name", maxlength: "40", autocomplete: "off" });
  current.detail = h("section", { id: "ws-detail", class: "cw-form", hidden: true,
    "aria-labelledby": "ws-detail-title" },
    current.detailTitle, current.registrations,
    h("form", { id: "ws-register", novalidate: true, "aria-label": "Inscrire quelqu'un",
      onsubmit: (event) => register(current, event) },
    h("label", { for: "ws-r-name",
      text: "Prénom (facultatif : sans prénom, la personne est inscrite avec un numéro)" }),
    current.name,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", text: "Inscrire" }),
      h("button", { type: "button", class: "cancel", id: "ws-detail-close", text: "Fermer",
        onclick: () => close(current) }))));
  const form = workshopForm(() => current.site, async (workshop) => {
    notice(current.notice, "Atelier « " + workshop.title + " » créé.", false);
    await load(current);
  });
  current.el.append(h("div", { id: "workshops", class: "place-page ateliers", "aria-labelledby": "ws-title" },
    current.top, current.notice, current.list, current.detail, form));
}

function close(current) {
  current.open = null;
  current.detail.hidden = true;
}

async function load(current) {
  if (current !== view || !current.site) return;
  const number = ++current.asked;
  try {
    const from = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    const { items } = await fetchAll("/api/workshops?" + new URLSearchParams({ site: current.site, from }));
    if (current !== view || number !== current.asked) return;
    current.workshops = items;
    keyed(current.list, items.length ? items : [{ id: "", empty: true }], (w) => (w.empty ? "empty" : "w-" + w.id),
      (w) => (w.empty ? h("li", { class: "empty", text: "Aucun atelier à venir." }) : workshopItem(current, w.id)),
      (element, w) => !w.empty && fillWorkshop(element, w));
    const open = current.open && items.find((w) => w.id === current.open.id);
    if (open) {
      current.open = open;
      await drawRegistrations(current);
    } else {
      close(current);
    }
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) notice(current.notice, "Le hub ne répond pas : "
      + error.message, true);
  }
}

function workshopItem(current, id) {
  const find = () => current.workshops.find((w) => w.id === id);
  return h("li", { class: "cw-item workshop" }, h("strong", { class: "title" }), h("span", { class: "detail" }),
    h("span", { class: "seats" }),
    h("div", { class: "actions" },
      h("button", { type: "button", class: "open", text: "Inscriptions", onclick: () => {
        current.open = find();
        drawRegistrations(current).catch((error) => error instanceof LoggedOut || notice(current.notice,
          "Le hub ne répond pas : " + error.message, true));
      } }),
      h("button", { type: "button", class: "quiet-danger cancel-workshop", text: "Annuler l'atelier",
        onclick: () => cancelWorkshop(current, find()) })));
}

function fillWorkshop(element, workshop) {
  const cancelled = workshop.status === "cancelled";
  element.classList.toggle("cancelled", cancelled);
  text(element.querySelector(".title"), workshop.title);
  text(element.querySelector(".detail"), when(workshop.start, workshop.end) + " · "
    + (LEVELS[workshop.level] || workshop.level) + " · " + workshop.topic
    + (workshop.professional ? " · professionnel" : "") + (workshop.example ? " · exemple" : ""));
  const plural = workshop.free < 2 ? "" : "s";
  text(element.querySelector(".seats"), cancelled ? "Annulé" : workshop.free === 0 ? "Complet (" + workshop.seats
    + " places)" : workshop.free + " place" + plural + " libre" + plural + " sur " + workshop.seats);
  element.querySelector(".cancel-workshop").hidden = cancelled;
  element.querySelector(".open").setAttribute("aria-label", "Inscriptions : " + workshop.title);
}

async function cancelWorkshop(current, workshop) {
  if (!workshop) return;
  if (!(await confirmAction("Annuler l'atelier « " + workshop.title + " » ?", "Annuler l'atelier"))) return;
  try {
    const result = await send("DELETE", "/api/workshops/" + encodeURIComponent(workshop.id));
    if (current !== view) return;
    notice(current.notice, result.ok ? "Atelier « " + workshop.title + " » annulé." : refusal(result), !result.ok);
    await load(current);
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) notice(current.notice, "Le hub ne répond pas : "
      + error.message, true);
  }
}

async function drawRegistrations(current) {
  const workshop = current.open;
  if (!workshop) return;
  current.detail.hidden = false;
  text(current.detailTitle, "Inscriptions : " + workshop.title);
  const { items } = await fetchAll("/api/workshops/" + encodeURIComponent(workshop.id) + "/registrations");
  if (current !== view || current.open !== workshop) return;
  const holding = items.filter((r) => !r.cancelledAt);
  keyed(current.registrations, holding.length ? holding : [{ code: "", empty: true }],
    (r) => (r.empty ? "empty" : workshop.id + "-" + r.code),
    (r) => (r.empty ? h("li", { class: "empty", text: "Personne n'est inscrit pour l'instant." })
      : registrationItem(current, workshop, r)), () => {});
}

function registrationItem(current, workshop, registration) {
  return h("li", { class: "cw-item registration" },
    h("strong", { text: "n° " + registration.number + " · " + (registration.firstName || "anonyme") }),
    h("span", { class: "detail", text: "code " + registration.code
      + (registration.source === "kiosk" ? " · à la borne" : " · à l'accueil") }),
    h("button", { type: "button", class: "quiet-danger", text: "Désinscrire",
      "aria-label": "Désinscrire n° " + registration.number, onclick: async () => {
        try {
          const result = await send("DELETE", "/api/workshops/" + encodeURIComponent(workshop.id)
            + "/registrations/" + encodeURIComponent(registration.code));
          if (current !== view) return;
          notice(current.notice, result.ok ? "Inscription n° " + registration.number + " annulée : la place est libre."
            : refusal(result), !result.ok);
          await load(current);
        } catch (error) {
          if (!(error instanceof LoggedOut) && current === view) notice(current.notice, "Le hub ne répond pas : "
            + error.message, true);
        }
      } }));
}

async function register(current, event) {
  event.preventDefault();
  if (!current.open) return;
  const firstName = current.name.value.trim() || null;
  try {
    const result = await send("POST", "/api/workshops/" + encodeURIComponent(current.open.id) + "/registrations",
      { firstName });
    if (current !== view) return;
    if (result.ok) {
      current.name.value = "";
      notice(current.notice, "Inscrit n° " + result.body.number + (firstName ? " (" + firstName + ")" : "")
        + " : code " + result.body.code + ".", false);
    } else {
      notice(current.notice, refusal(result), true);
    }
    await load(current);
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) notice(current.notice, "Le hub ne répond pas : "
      + error.message, true);
  }
}
