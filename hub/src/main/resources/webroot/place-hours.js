// The page "Horaires": a place's weekly opening hours and its particular days (closed, other
// hours), for the mediator who runs the place. This file also holds the navigation of the two
// place pages (#horaires here, #tournee in van-tour.js): it wraps coworking.js's route() and
// login/logout hooks, which dashboard.js calls by name, so the three pages share one menu.
// Loaded after coworking.js and before van-tour.js and dashboard.js (api, element, LoggedOut).
"use strict";

const DAY_LABELS = { MONDAY: "Lundi", TUESDAY: "Mardi", WEDNESDAY: "Mercredi", THURSDAY: "Jeudi", FRIDAY: "Vendredi",
  SATURDAY: "Samedi", SUNDAY: "Dimanche" };
const PLACE_PAGES = { "#horaires": "place-hours", "#tournee": "van-tour" };

const ph = {
  me: null,       // GET /api/me of the session, when it may see these pages
  site: null,     // the place shown
  weekly: [],     // the periods being edited: [{day, opens, closes}]
  session: 0,
};

/** Who sees the place pages: those who run places, and the technicians. A viewer reads the fleet view. */
function mayRunTheTour(role) {
  return ["admin", "technician", "mediator", "manager"].includes(role);
}

/** The local date and time of an ISO-8601 text with its offset, as written (the place's time). */
function placeTime(iso) {
  return iso ? iso.substring(11, 16) : "";
}

function placeDay(isoOrDate) {
  const [y, m, d] = isoOrDate.substring(0, 10).split("-").map(Number);
  return new Date(y, m - 1, d).toLocaleDateString("fr-FR", { weekday: "long", day: "numeric", month: "long" });
}

function tourNotice(id, text, isError) {
  const notice = document.getElementById(id);
  notice.className = text ? (isError ? "error" : "done") : "";
  notice.textContent = text;
}

function fieldError(id, text) {
  const error = document.getElementById(id);
  error.hidden = !text;
  error.textContent = text || "";
}

/** The place page the address asks for, if this session may see it; null otherwise. */
function tourPage() {
  return ph.me ? PLACE_PAGES[location.hash] || null : null;
}

const coworkingRoute = route;
// Replaced: coworking.js and dashboard.js call route() by name; the fleet and coworking pages first.
route = function () {
  coworkingRoute();
  tourRoute();
};

/** Shows the place page the address asks for, over what coworking.js's route() decided. */
function tourRoute() {
  const page = tourPage();
  if (page) {
    document.getElementById("fleet").hidden = true;
    document.getElementById("coworking").hidden = true;
  }
  for (const [hash, id] of Object.entries(PLACE_PAGES)) {
    document.getElementById(id).hidden = page !== id;
    document.getElementById(hash === "#horaires" ? "nav-hours" : "nav-tour")
      .setAttribute("aria-current", page === id ? "page" : "false");
  }
  if (page) document.getElementById("nav-fleet").setAttribute("aria-current", "false");
  document.body.classList.toggle("on-tour-page", Boolean(page));
  if (page === "place-hours") refreshHours(true);
  if (page === "van-tour") refreshTour();
}

const coworkingLoggedInFirst = coworkingLoggedIn;
coworkingLoggedIn = async function (me) {
  ph.session++;
  ph.me = mayRunTheTour(me.role) ? me : null;
  if (ph.me && !me.site) {
    try {
      await choosePlace();
    } catch (error) {
      if (!(error instanceof LoggedOut)) tourNotice("ph-notice", "Le hub ne répond pas : " + error.message, true);
    }
  } else if (ph.me) {
    ph.site = me.site;
  }
  // A mediator comes for their place: a place's mediator for its queue (queue.js sends them to
  // #queue), the van's agents for the tour, unless they asked for another page meanwhile.
  if (ph.me && me.role === "mediator") {
    // The registry's sites (a mediator sees their own): a place may have no hours or commune yet.
    const sites = await api("/api/sites").then((r) => (r.ok ? r.json() : [])).catch(() => []);
    const place = (Array.isArray(sites) ? sites : []).find((site) => site.id === me.site);
    if (place && place.kind === "van" && ["", "#", "#queue"].includes(location.hash)) {
      history.replaceState(null, "", "#tournee");
      if (typeof queueRoute === "function") queueRoute();
    }
  }
  // Its route() (this file's) shows the place page asked for: ph.me is set already.
  await coworkingLoggedInFirst(me);
  if (ph.me) document.getElementById("views").hidden = false;
  document.getElementById("nav-hours").hidden = !ph.me;
  document.getElementById("nav-tour").hidden = !ph.me;
};

const coworkingReset = resetCoworking;
resetCoworking = function () {
  coworkingReset();
  ph.session++;
  ph.me = null;
  ph.site = null;
  for (const id of ["ph-weekly", "ph-exceptions", "vt-visits", "vt-stops", "vt-exceptions"]) {
    document.getElementById(id).replaceChildren();
  }
  document.getElementById("ph-now").textContent = "";
  for (const id of ["place-hours", "van-tour", "nav-hours", "nav-tour"]) document.getElementById(id).hidden = true;
};

const coworkingStart = startCoworking;
startCoworking = function () {
  coworkingStart();
  // After coworking.js's own listener (its route()): this one decides last what is shown.
  window.addEventListener("hashchange", tourRoute);
  startHours();
  startTour();
};

/** An admin or technician picks the place among the registry's sites. */
async function choosePlace() {
  const sites = items(await fetchJson("/api/sites")).filter((s) => s.kind !== "van");
  fillSelect(document.getElementById("ph-site"), sites.map((s) => [s.id, s.name]));
  ph.site = document.getElementById("ph-site").value || null;
  document.getElementById("ph-site-choice").hidden = sites.length < 2;
}

/** Draws the place's hours; {@code withWeekly} false keeps the periods being edited. */
async function refreshHours(withWeekly) {
  if (!ph.me || !ph.site) {
    tourNotice("ph-notice", ph.me ? "Aucun lieu à montrer." : "", false);
    return;
  }
  const mine = ph.session;
  try {
    const response = await api("/api/places/" + encodeURIComponent(ph.site) + "/hours");
    if (mine !== ph.session) return;
    if (!response.ok) {
      tourNotice("ph-notice", response.status === 404 ? "Ce lieu n'a pas encore d'horaires au hub."
        : cwRefusal({ status: response.status, body: await response.json().catch(() => null) }), true);
      return;
    }
    const hours = await response.json();
    document.getElementById("ph-example").hidden = !hours.example;
    drawNow(hours.now);
    if (withWeekly) {
      ph.weekly = hours.weekly.map((p) => ({ ...p }));
      drawWeekly();
    }
    drawExceptions(hours.exceptions);
  } catch (error) {
    if (!(error instanceof LoggedOut)) tourNotice("ph-notice", "Le hub ne répond pas : " + error.message, true);
  }
}

function drawNow(now) {
  const line = document.getElementById("ph-now");
  line.className = now.open ? "open" : "closed";
  if (now.open) {
    line.textContent = "Ouvert en ce moment, jusqu'à " + placeTime(now.closesAt) + ".";
  } else if (now.opensAt) {
    line.textContent = "Fermé en ce moment. Ouvre " + placeDay(now.opensAt) + " à " + placeTime(now.opensAt) + ".";
  } else {
    line.textContent = "Fermé : aucune ouverture prévue dans les deux mois.";
  }
}

function drawWeekly() {
  const list = document.getElementById("ph-weekly");
  list.replaceChildren(...ph.weekly.map((period, index) => {
    const row = element("li", "cw-item period");
    const day = document.createElement("select");
    day.id = "ph-w-day-" + index;
    day.setAttribute("aria-label", "Jour de la plage " + (index + 1));
    for (const [value, label] of Object.entries(DAY_LABELS)) day.append(new Option(label, value));
    day.value = period.day;
    day.addEventListener("change", () => { period.day = day.value; });
    const opens = timeInput("ph-w-opens-" + index, "Ouvre à (plage " + (index + 1) + ")", period.opens,
      (value) => { period.opens = value; });
    const closes = timeInput("ph-w-closes-" + index, "Ferme à (plage " + (index + 1) + ")", period.closes,
      (value) => { period.closes = value; });
    const remove = element("button", "remove", "Retirer");
    remove.type = "button";
    remove.addEventListener("click", () => {
      ph.weekly.splice(index, 1);
      drawWeekly();
    });
    row.append(day, opens, element("span", null, "–"), closes, remove);
    return row;
  }));
  if (!ph.weekly.length) list.append(element("li", "empty", "Aucune plage : le lieu est fermé toute la semaine."));
}

function timeInput(id, label, value, changed) {
  const input = document.createElement("input");
  input.type = "time";
  input.step = 300;
  input.id = id;
  input.value = value;
  input.setAttribute("aria-label", label);
  input.addEventListener("input", () => changed(input.value));
  return input;
}

function drawExceptions(exceptions) {
  const list = document.getElementById("ph-exceptions");
  list.replaceChildren(...exceptions.map((e) => {
    const row = element("li", "cw-item exception");
    const hours = e.closed ? "fermé" : "ouvert de " + e.opens + " à " + e.closes;
    row.append(element("span", null, placeDay(e.date) + " : " + hours + (e.label ? " (" + e.label + ")" : "")));
    const remove = element("button", "remove", "Supprimer");
    remove.type = "button";
    remove.addEventListener("click", () => deleteException(e));
    row.append(remove);
    return row;
  }));
  if (!exceptions.length) list.append(element("li", "empty", "Aucun jour particulier."));
}

async function saveWeekly(event) {
  event.preventDefault();
  for (const period of ph.weekly) {
    if (!period.opens || !period.closes || period.opens >= period.closes) {
      fieldError("ph-weekly-error", DAY_LABELS[period.day] + " : l'heure de fermeture doit suivre l'heure d'ouverture.");
      return;
    }
  }
  fieldError("ph-weekly-error", "");
  const result = await cwSend("PUT", "/api/places/" + encodeURIComponent(ph.site) + "/hours", { weekly: ph.weekly });
  if (!result.ok) {
    fieldError("ph-weekly-error", cwRefusal(result));
    return;
  }
  tourNotice("ph-notice", "Horaires enregistrés.", false);
  drawNow(result.body.now);
  ph.weekly = result.body.weekly.map((p) => ({ ...p }));
  drawWeekly();
}

async function addException(event) {
  event.preventDefault();
  const date = document.getElementById("ph-x-date").value;
  const closed = document.getElementById("ph-x-closed").checked;
  const label = document.getElementById("ph-x-label").value.trim();
  if (!date) {
    fieldError("ph-exception-error", "Choisissez le jour.");
    return;
  }
  const body = { date, closed };
  if (!closed) {
    body.opens = document.getElementById("ph-x-opens").value;
    body.closes = document.getElementById("ph-x-closes").value;
    if (!body.opens || !body.closes || body.opens >= body.closes) {
      fieldError("ph-exception-error", "L'heure de fermeture doit suivre l'heure d'ouverture.");
      return;
    }
  }
  if (label) body.label = label;
  const result = await cwSend("POST", "/api/places/" + encodeURIComponent(ph.site) + "/hours/exceptions", body);
  if (!result.ok) {
    fieldError("ph-exception-error", result.status === 409 ? "Ce jour a déjà un horaire particulier : supprimez-le d'abord."
      : cwRefusal(result));
    return;
  }
  fieldError("ph-exception-error", "");
  document.getElementById("ph-x-label").value = "";
  tourNotice("ph-notice", "Jour particulier ajouté : " + placeDay(date) + ".", false);
  refreshHours(false);
}

async function deleteException(exception) {
  if (!(await confirmAction("Supprimer le jour particulier du " + placeDay(exception.date) + " ?", "Supprimer"))) return;
  const result = await cwSend("DELETE", "/api/places/" + encodeURIComponent(ph.site) + "/hours/exceptions/"
    + encodeURIComponent(exception.id));
  tourNotice("ph-notice", result.ok ? "Jour particulier supprimé." : cwRefusal(result), !result.ok);
  refreshHours(false);
}

function startHours() {
  document.getElementById("ph-weekly-form").addEventListener("submit", saveWeekly);
  document.getElementById("ph-exception-form").addEventListener("submit", addException);
  document.getElementById("ph-add-period").addEventListener("click", () => {
    ph.weekly.push({ day: "MONDAY", opens: "09:00", closes: "12:00" });
    drawWeekly();
    document.getElementById("ph-w-day-" + (ph.weekly.length - 1)).focus();
  });
  document.getElementById("ph-x-closed").addEventListener("change", (event) => {
    document.getElementById("ph-x-hours").hidden = event.target.checked;
  });
  document.getElementById("ph-site").addEventListener("change", (event) => {
    ph.site = event.target.value;
    tourNotice("ph-notice", "", false);
    refreshHours(true);
  });
}
