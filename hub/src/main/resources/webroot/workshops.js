// The pages of the people who run a place (mediators, managers; admins and technicians too):
// "Ateliers" here and "Rendez-vous" in appointments.js. This file also holds what both share: the
// place chosen, the routing to #ateliers / #rendez-vous, and the calls to the hub. Loaded after
// coworking.js (whose confirmAction, fillSelect, items and isoDate it uses) and before dashboard.js.
"use strict";

const LEVEL_LABELS = { beginner: "Débutant", intermediate: "Intermédiaire", advanced: "Avancé" };

const placePages = {
  me: null,
  session: 0,
  timer: null,
  pages: {},         // hash → { main, draw }
};

/** Who runs a place's workshops and appointments; a viewer reads the fleet view only. */
function mayRunPlaces(role) {
  return role === "admin" || role === "technician" || role === "manager" || role === "mediator";
}

function placePage(hash, main, draw) {
  placePages.pages[hash] = { main, draw };
}

/** A write to the hub: {ok, status, body}, each caller saying in plain words what went wrong. */
async function placeSend(method, path, body) {
  const response = await api(path, method, body);
  let answer = null;
  try {
    answer = await response.json();
  } catch (error) {
    answer = null;
  }
  return { ok: response.ok, status: response.status, body: answer };
}

async function placeGet(path) {
  const response = await api(path);
  if (!response.ok) throw new Error(path + " : HTTP " + response.status);
  return response.json();
}

/** The hub's refusal in French: its own message when it wrote one for people (409), else the reason. */
function placeRefusal(result) {
  const said = result.body && result.body.error;
  if (result.status === 403) return "Votre compte ne permet pas de faire cela pour ce lieu.";
  if (result.status === 404) return said && /^[A-ZÉ][a-zé]/.test(said) && !said.startsWith("no ") ? said
    : "Introuvable : la liste est mise à jour.";
  if (result.status === 409) return said || "Impossible pour le moment.";
  if (result.status === 400) return "Le hub a refusé ces informations : " + (said || "vérifiez-les.");
  return "Le hub a refusé (erreur " + result.status + ") : réessayez dans un instant.";
}

function placeNotice(id, text, isError) {
  const notice = document.getElementById(id);
  notice.className = text ? (isError ? "error" : "done") : "";
  notice.textContent = text;
}

/** "mardi 8 décembre, 14:00 – 16:00" in the place's time. */
function placeWhen(start, end) {
  const options = { timeZone: "Europe/Paris" };
  const day = new Date(start).toLocaleDateString("fr-FR", { ...options, weekday: "long", day: "numeric", month: "long" });
  const time = (iso) => new Date(iso).toLocaleTimeString("fr-FR", { ...options, hour: "2-digit", minute: "2-digit" });
  return day + ", " + time(start) + " – " + time(end);
}

/** The site a page shows: the account's own, or the one chosen in its list. */
async function fillPlaceSites(me) {
  const selects = document.querySelectorAll(".place-site");
  if (me.site) {
    selects.forEach((select) => {
      fillSelect(select, [[me.site, me.site]]);
      select.closest(".place-site-choice").hidden = true;
    });
    return;
  }
  const sites = items(await fetchJson("/api/sites"));
  const options = sites.map((s) => [s.id, s.name || s.id]);
  selects.forEach((select) => {
    fillSelect(select, options);
    select.closest(".place-site-choice").hidden = false;
  });
}

function placeRoute() {
  const page = placePages.me ? placePages.pages[location.hash] : undefined;
  document.body.classList.toggle("on-place-page", page !== undefined);
  for (const [hash, each] of Object.entries(placePages.pages)) {
    document.getElementById(each.main).hidden = page !== each;
    const link = document.querySelector("#views a[href='" + hash + "']");
    if (link) link.setAttribute("aria-current", page === each ? "page" : "false");
  }
  if (page) {
    document.getElementById("nav-fleet").setAttribute("aria-current", "false");
    refreshPlacePage();
  }
}

async function refreshPlacePage() {
  const page = placePages.me ? placePages.pages[location.hash] : undefined;
  if (!page) return;
  try {
    await page.draw();
  } catch (error) {
    if (!(error instanceof LoggedOut)) console.warn("place page: " + error.message);
  }
}

/** Called by dashboard.js once logged in. */
async function placePagesLoggedIn(me) {
  placePages.session++;
  const allowed = mayRunPlaces(me.role);
  placePages.me = allowed ? me : null;
  document.querySelectorAll(".nav-place").forEach((link) => { link.hidden = !allowed; });
  if (allowed) document.getElementById("views").hidden = false;
  if (allowed) {
    try {
      await fillPlaceSites(me);
    } catch (error) {
      if (!(error instanceof LoggedOut)) console.warn("sites: " + error.message);
    }
    if (placePages.timer === null) placePages.timer = setInterval(refreshPlacePage, 5000);
  }
  placeRoute();
}

/** Called by dashboard.js on logout: nothing of the session stays on screen. */
function resetPlacePages() {
  placePages.session++;
  placePages.me = null;
  clearInterval(placePages.timer);
  placePages.timer = null;
  for (const id of ["ws-list", "ws-registrations", "ap-list"]) {
    const list = document.getElementById(id);
    list.replaceChildren();
    delete list.dataset.drawn;
  }
  document.querySelectorAll(".nav-place").forEach((link) => { link.hidden = true; });
  placeRoute();
}

// ---- Ateliers ----

const ws = { open: null };   // the workshop whose registrations are shown

function wsSite() {
  return document.getElementById("ws-site").value;
}

async function drawWorkshops() {
  const mine = placePages.session;
  const site = wsSite();
  if (!site) return;
  const from = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  const answer = await placeGet("/api/workshops?" + new URLSearchParams({ site, from, limit: 200 }));
  if (mine !== placePages.session) return;
  const workshops = answer.items;
  const list = document.getElementById("ws-list");
  const signature = JSON.stringify([site, workshops]);
  if (list.dataset.drawn !== signature) {
    list.dataset.drawn = signature;
    list.replaceChildren(...(workshops.length ? workshops.map(workshopItem)
      : [element("li", "empty", "Aucun atelier à venir.")]));
  }
  if (ws.open && workshops.some((w) => w.id === ws.open.id)) {
    ws.open = workshops.find((w) => w.id === ws.open.id);
    await drawRegistrations();
  } else {
    ws.open = null;
    document.getElementById("ws-detail").hidden = true;
  }
}

function workshopItem(workshop) {
  const item = element("li", "cw-item workshop" + (workshop.status === "cancelled" ? " cancelled" : ""));
  item.append(element("strong", null, workshop.title));
  const cancelled = workshop.status === "cancelled";
  item.append(element("span", "detail", placeWhen(workshop.start, workshop.end) + " · "
    + (LEVEL_LABELS[workshop.level] || workshop.level) + " · " + workshop.topic
    + (workshop.professional ? " · professionnel" : "") + (workshop.example ? " · exemple" : "")));
  item.append(element("span", "seats", cancelled ? "Annulé" : workshop.free === 0 ? "Complet (" + workshop.seats
    + " places)" : workshop.free + " place" + (workshop.free < 2 ? "" : "s") + " libre" + (workshop.free < 2 ? "" : "s")
      + " sur " + workshop.seats));
  const actions = element("div", "actions");
  const open = element("button", null, "Inscriptions");
  open.type = "button";
  open.addEventListener("click", () => {
    ws.open = workshop;
    drawRegistrations();
  });
  actions.append(open);
  if (!cancelled) {
    const cancel = element("button", "quiet-danger", "Annuler l'atelier");
    cancel.type = "button";
    cancel.addEventListener("click", () => cancelWorkshop(workshop));
    actions.append(cancel);
  }
  item.append(actions);
  return item;
}

async function cancelWorkshop(workshop) {
  if (!(await confirmAction("Annuler l'atelier « " + workshop.title + " » ?", "Annuler l'atelier"))) return;
  const result = await placeSend("DELETE", "/api/workshops/" + encodeURIComponent(workshop.id));
  placeNotice("ws-notice", result.ok ? "Atelier « " + workshop.title + " » annulé." : placeRefusal(result), !result.ok);
  await refreshPlacePage();
}

async function drawRegistrations() {
  const workshop = ws.open;
  const detail = document.getElementById("ws-detail");
  detail.hidden = false;
  document.getElementById("ws-detail-title").textContent = "Inscriptions : " + workshop.title;
  const answer = await placeGet("/api/workshops/" + encodeURIComponent(workshop.id) + "/registrations");
  const holding = answer.items.filter((r) => !r.cancelledAt);
  const list = document.getElementById("ws-registrations");
  const signature = JSON.stringify([workshop.id, holding]);
  if (list.dataset.drawn === signature) return;
  list.dataset.drawn = signature;
  list.replaceChildren(...(holding.length ? holding.map((registration) => {
    const item = element("li", "cw-item registration");
    item.append(element("strong", null, "n° " + registration.number + " · "
      + (registration.firstName || "anonyme")));
    item.append(element("span", "detail", "code " + registration.code
      + (registration.source === "kiosk" ? " · à la borne" : " · à l'accueil")));
    const cancel = element("button", "quiet-danger", "Désinscrire");
    cancel.type = "button";
    cancel.addEventListener("click", async () => {
      const result = await placeSend("DELETE", "/api/workshops/" + encodeURIComponent(workshop.id)
        + "/registrations/" + encodeURIComponent(registration.code));
      placeNotice("ws-notice", result.ok ? "Inscription n° " + registration.number + " annulée : la place est libre."
        : placeRefusal(result), !result.ok);
      await refreshPlacePage();
    });
    item.append(cancel);
    return item;
  }) : [element("li", "empty", "Personne n'est inscrit pour l'instant.")]));
}

async function registerSomeone(event) {
  event.preventDefault();
  if (!ws.open) return;
  const field = document.getElementById("ws-r-name");
  const firstName = field.value.trim() || null;
  const result = await placeSend("POST", "/api/workshops/" + encodeURIComponent(ws.open.id) + "/registrations",
    { firstName });
  if (result.ok) {
    field.value = "";
    placeNotice("ws-notice", "Inscrit n° " + result.body.number + (firstName ? " (" + firstName + ")" : "")
      + " : code " + result.body.code + ".", false);
  } else {
    placeNotice("ws-notice", placeRefusal(result), true);
  }
  await refreshPlacePage();
}

/** A local date and time of the form, as the hub wants it: with the place's offset that day. */
function parisTime(date, time) {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  // Paris is UTC+1 or UTC+2: the offset is the one whose UTC instant shows that local time there.
  for (const offset of [1, 2]) {
    const at = new Date(Date.UTC(y, m - 1, d, hh - offset, mm));
    const shown = at.toLocaleTimeString("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" });
    if (shown === time) return date + "T" + time + ":00+0" + offset + ":00";
  }
  return date + "T" + time + ":00+01:00";
}

async function createWorkshop(event) {
  event.preventDefault();
  const value = (id) => document.getElementById(id).value.trim();
  const error = document.getElementById("ws-form-error");
  const missing = [["ws-f-title", "le titre"], ["ws-f-topic", "le thème"], ["ws-f-date", "le jour"],
    ["ws-f-from", "l'heure de début"], ["ws-f-to", "l'heure de fin"], ["ws-f-seats", "le nombre de places"]]
    .find(([id]) => !value(id));
  if (missing) {
    error.textContent = "Indiquez " + missing[1] + ".";
    error.hidden = false;
    document.getElementById(missing[0]).focus();
    return;
  }
  const body = { site: wsSite(), title: value("ws-f-title"), topic: value("ws-f-topic"), level: value("ws-f-level"),
    start: parisTime(value("ws-f-date"), value("ws-f-from")), end: parisTime(value("ws-f-date"), value("ws-f-to")),
    seats: Number(value("ws-f-seats")), professional: document.getElementById("ws-f-pro").checked };
  if (value("ws-f-place")) body.place = value("ws-f-place");
  const result = await placeSend("POST", "/api/workshops", body);
  if (!result.ok) {
    error.textContent = placeRefusal(result);
    error.hidden = false;
    return;
  }
  error.hidden = true;
  document.getElementById("ws-form").reset();
  placeNotice("ws-notice", "Atelier « " + result.body.title + " » créé.", false);
  await refreshPlacePage();
}

function startWorkshops() {
  placePage("#ateliers", "workshops", drawWorkshops);
  window.addEventListener("hashchange", placeRoute);
  document.getElementById("ws-site").addEventListener("change", () => {
    ws.open = null;
    refreshPlacePage();
  });
  document.getElementById("ws-form").addEventListener("submit", createWorkshop);
  document.getElementById("ws-register").addEventListener("submit", registerSomeone);
  document.getElementById("ws-detail-close").addEventListener("click", () => {
    ws.open = null;
    document.getElementById("ws-detail").hidden = true;
  });
}
