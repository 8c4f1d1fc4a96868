// Horaires: a place's weekly opening hours and its particular days (closed, other hours), for those who
// run the place. The periods being edited are the screen's own until saved: a refresh (a live event, the
// user's own action) redraws the rest and leaves them, their values and the focus as they are.
import { h, keyed, text } from "../lib/dom.js";
import { LoggedOut, api } from "../lib/http.js";
import { chosenPlace, placeChooser, placesFor } from "../lib/sites.js";
import { href } from "../routes.js";
import { DAY_LABELS, fieldError, notTheirs, notice, placeDay, placeTime, refusal, runsPlaces, send }
  from "./horaires-common.js";
import { daysForm, drawDays } from "./horaires-days.js";

export const title = "Horaires";

let view = null;
let keys = 0;

export async function mount(el, params, ctx) {
  const { me, live } = ctx;
  if (!runsPlaces(me.role)) {
    el.append(notTheirs("Horaires"));
    view = { el, ctx, offs: [], session: 0 };
    return;
  }
  view = { el, ctx, site: null, weekly: [], dirty: false, exceptions: [], session: 0, offs: [] };
  const current = view;
  current.offs = [
    live.on("place", (data) => data && data.what === "hours" && current === view && data.site === current.site
      && load()),
    live.on("reset", () => current === view && load()),
    live.on("refresh", () => current === view && load()),
  ];
  let places;
  try {
    places = await placesFor(me);
  } catch (error) {
    if (error instanceof LoggedOut || current !== view) return;
    el.append(h("p", { class: "place-notice error", role: "status", text: "Le hub ne répond pas : " + error.message }));
    return;
  }
  if (current !== view) return;
  const place = chosenPlace(places, params.site, me);
  current.site = place ? place.id : null;
  if (place && params.site !== place.id) history.replaceState(null, "", href("horaires", place.id));
  build(el, places, place);
  await load();
}

/** Another place chosen (the address changed): the screen starts again for it. */
export function update(params) {
  if (view && view.site && (!params.site || params.site === view.site)) {
    // The same place ("#/horaires" from the nav while on it): nothing typed is lost, the address names it.
    history.replaceState(null, "", href("horaires", view.site));
    return undefined;
  }
  return false;
}

export function unmount() {
  if (!view) return;
  view.offs.forEach((off) => off());
  view.session++;
  view = null;
}

function build(el, places, place) {
  const v = view;
  v.notice = h("p", { id: "ph-notice", class: "place-notice", role: "status", "aria-live": "polite" });
  v.example = h("p", { id: "ph-example", hidden: true, text: "Horaires d'exemple (données fictives)." });
  v.now = h("p", { id: "ph-now" });
  v.weeklyList = h("ul", { id: "ph-weekly", class: "cw-list" });
  v.weeklyError = h("p", { class: "field-error", id: "ph-weekly-error", role: "alert", hidden: true });
  v.addPeriod = h("button", { type: "button", id: "ph-add-period", text: "Ajouter une plage horaire",
    onclick: addPeriod });
  const weeklyForm = h("form", { id: "ph-weekly-form", class: "cw-form", novalidate: true,
    "aria-labelledby": "ph-weekly-title", onsubmit: saveWeekly },
  h("h3", { id: "ph-weekly-title", text: "Horaires de la semaine" }), v.weeklyList, v.addPeriod, v.weeklyError,
  h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", text: "Enregistrer les horaires" })));
  v.exceptionList = h("ul", { id: "ph-exceptions", class: "cw-list" });
  v.exceptionForm = daysForm(v, () => v === view, load);
  el.append(h("div", { class: "place-page horaires" },
    h("div", { class: "place-top" }, h("h2", { id: "ph-title", text: "Horaires" }),
      placeChooser("ph-site", places, place, (site) => { location.hash = href("horaires", site); })),
    v.notice, v.example, v.now, weeklyForm,
    h("h3", { text: "Jours particuliers" }), v.exceptionList, v.exceptionForm));
  if (!place) notice(v.notice, "Aucun lieu à montrer.", false);
}

/** Reads the place's hours and draws them; the weekly periods only when none is being edited. */
async function load() {
  const current = view;
  if (!current || !current.site) return;
  const mine = ++current.session;
  try {
    const response = await api("/api/places/" + encodeURIComponent(current.site) + "/hours");
    if (current !== view || mine !== current.session) return;
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      if (current !== view || mine !== current.session) return;
      notice(current.notice, response.status === 404 ? "Ce lieu n'a pas encore d'horaires au hub."
        : refusal({ status: response.status, body }), true);
      return;
    }
    const hours = await response.json();
    if (current !== view || mine !== current.session) return;
    draw(hours);
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) {
      notice(current.notice, "Le hub ne répond pas : " + error.message, true);
    }
  }
}

function draw(hours) {
  view.example.hidden = !hours.example;
  drawNow(hours.now);
  if (!view.dirty) {
    // The hub's periods, on the rows already drawn: nothing typed is lost, the focus stays.
    view.weekly = hours.weekly.map((p, i) => ({ ...p, key: view.weekly[i] ? view.weekly[i].key : ++keys }));
  }
  drawWeekly();
  view.exceptions = hours.exceptions;
  const v = view;
  drawDays(v, () => v === view, load);
}

function drawNow(now) {
  view.now.className = now.open ? "open" : "closed";
  if (now.open) {
    text(view.now, "Ouvert en ce moment, jusqu'à " + placeTime(now.closesAt) + ".");
  } else if (now.opensAt) {
    text(view.now, "Fermé en ce moment. Ouvre " + placeDay(now.opensAt) + " à " + placeTime(now.opensAt) + ".");
  } else {
    text(view.now, "Fermé : aucune ouverture prévue dans les deux mois.");
  }
}

function drawWeekly() {
  const list = view.weeklyList;
  if (!view.weekly.length) {
    list.replaceChildren(h("li", { class: "empty", text: "Aucune plage : le lieu est fermé toute la semaine." }));
    return;
  }
  list.querySelectorAll(":scope > .empty").forEach((e) => e.remove());
  keyed(list, view.weekly, (p) => p.key, createPeriod, updatePeriod);
}

function periodOf(row) {
  return view.weekly.find((p) => String(p.key) === row.dataset.key);
}

/** One period's row: the day, opens, closes, "Retirer"; what is typed goes into the period at once. */
function createPeriod() {
  const row = h("li", { class: "cw-item period" });
  const edited = (name, control) => () => {
    const period = periodOf(row);
    if (!period) return;
    period[name] = control.value;
    view.dirty = true;
  };
  const day = h("select", {}, ...Object.entries(DAY_LABELS).map(([value, label]) => h("option", { value, text: label })));
  day.addEventListener("change", edited("day", day));
  const opens = h("input", { type: "time", step: "300" });
  opens.addEventListener("input", edited("opens", opens));
  const closes = h("input", { type: "time", step: "300" });
  closes.addEventListener("input", edited("closes", closes));
  const remove = h("button", { type: "button", class: "remove", text: "Retirer", onclick: () => {
    view.weekly = view.weekly.filter((p) => String(p.key) !== row.dataset.key);
    view.dirty = true;
    drawWeekly();
    view.addPeriod.focus();
  } });
  row.append(day, opens, h("span", { text: "–" }), closes, remove);
  return row;
}

function updatePeriod(row, period) {
  const index = view.weekly.indexOf(period);
  const [day, opens, closes, remove] = row.querySelectorAll("select, input, button");
  day.id = "ph-w-day-" + index;
  day.setAttribute("aria-label", "Jour de la plage " + (index + 1));
  opens.id = "ph-w-opens-" + index;
  opens.setAttribute("aria-label", "Ouvre à (plage " + (index + 1) + ")");
  closes.id = "ph-w-closes-" + index;
  closes.setAttribute("aria-label", "Ferme à (plage " + (index + 1) + ")");
  remove.setAttribute("aria-label", "Retirer la plage " + (index + 1));
  if (day.value !== period.day) day.value = period.day;
  if (opens.value !== period.opens) opens.value = period.opens;
  if (closes.value !== period.closes) closes.value = period.closes;
}

function addPeriod() {
  view.weekly.push({ day: "MONDAY", opens: "09:00", closes: "12:00", key: ++keys });
  view.dirty = true;
  drawWeekly();
  document.getElementById("ph-w-day-" + (view.weekly.length - 1)).focus();
}

async function saveWeekly(event) {
  event.preventDefault();
  const current = view;
  for (const period of current.weekly) {
    if (!period.opens || !period.closes || period.opens >= period.closes) {
      fieldError(current.weeklyError, DAY_LABELS[period.day]
        + " : l'heure de fermeture doit suivre l'heure d'ouverture.");
      return;
    }
  }
  fieldError(current.weeklyError, "");
  const weekly = current.weekly.map(({ day, opens, closes }) => ({ day, opens, closes }));
  const result = await send("PUT", "/api/places/" + encodeURIComponent(current.site) + "/hours", { weekly });
  if (current !== view) return;
  if (!result.ok) {
    fieldError(current.weeklyError, refusal(result));
    return;
  }
  notice(current.notice, "Horaires enregistrés.", false);
  current.dirty = false;
  current.session++; // a read begun before the save would draw the old periods
  draw(result.body);
}
