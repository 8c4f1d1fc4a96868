// The dashboard's entry point: the session (GET /api/me, the login form, logout), the nav by role,
// the router of the "#/…" screens and the live channel.
import { api, fetchAll, LoggedOut, setSession } from "./lib/http.js";
import { h } from "./lib/dom.js";
import * as live from "./lib/live.js";
import { LEGACY, href, isScreen, match } from "./routes.js";

const ROLE_WORDS = { admin: "administration", technician: "technicien", viewer: "lecture seule",
  manager: "gestion du coworking", mediator: "médiation" };
/** The roles that run a place's own pages (queue, workshops, appointments, hours, the van's tour). */
const RUNS_PLACES = ["admin", "technician", "manager", "mediator"];

const screenElement = document.getElementById("screen");
const nav = document.getElementById("nav");
let me = null;
let current = null; // { name, module, params }
let generation = 0;

/**
 * The links each role has, the page it lands on first: technicians the whole territory, a manager the
 * coworking, a mediator the queue (the van's agents the tour), a viewer their place.
 */
function links(who) {
  const all = [];
  const fleet = who.role === "admin" || who.role === "technician";
  if (who.role === "manager") all.push(["coworking", href("coworking"), "Coworking"]);
  if (who.role === "mediator" && who.siteKind === "van") all.push(["tournee", href("tournee"), "Tournée du bus"]);
  if (who.role === "mediator") all.push(["file", href("file"), "File d'attente"]);
  if (fleet) all.push(["territoire", href("territoire"), "Territoire"]);
  else if (who.site) all.push(["lieu", href("lieu", who.site), "Mon lieu"]);
  all.push(["alertes", href("alertes"), "Alertes"]);
  if (RUNS_PLACES.includes(who.role)) {
    if (who.role !== "mediator") all.push(["file", href("file"), "File d'attente"]);
    all.push(["ateliers", href("ateliers"), "Ateliers"], ["rendez-vous", href("rendez-vous"), "Rendez-vous"],
      ["horaires", href("horaires"), "Horaires"]);
    if (!(who.role === "mediator" && who.siteKind === "van")) all.push(["tournee", href("tournee"), "Tournée du bus"]);
  }
  if (fleet) all.push(["coworking", href("coworking"), "Coworking"]);
  if (who.site) all.push(["frequentation", href("frequentation", who.site), "Fréquentation"]);
  if (who.role !== "mediator") all.push(["debit", href("debit"), "Débit"]);
  if (who.role === "admin") all.push(["audit", href("audit"), "Audit"]);
  return all;
}

function drawNav() {
  if (!me) {
    nav.replaceChildren();
    nav.hidden = true;
    return;
  }
  nav.replaceChildren(...links(me).map(([name, address, label]) =>
    h("a", { href: address, id: "nav-" + name, "data-screen": name, text: label })));
  nav.hidden = false;
  markNav();
}

function markNav() {
  const name = current ? current.name : null;
  nav.querySelectorAll("a").forEach((link) => {
    link.setAttribute("aria-current", link.dataset.screen === name && isScreen(location.hash) ? "page" : "false");
  });
}

function unmount() {
  generation++;
  if (current && typeof current.module.unmount === "function") current.module.unmount();
  current = null;
  screenElement.replaceChildren();
}

/** Shows the screen the address asks for; "", "#" and the old pages' addresses are sent on first. */
async function route() {
  if (!me) {
    unmount();
    screenElement.hidden = true;
    markNav();
    return;
  }
  if (!isScreen(location.hash)) {
    const moved = Object.prototype.hasOwnProperty.call(LEGACY, location.hash) ? LEGACY[location.hash] : undefined;
    history.replaceState(null, "", moved || firstScreen(me));
  }
  screenElement.hidden = false;
  const { route: found, params } = match(location.hash);
  // update(params) takes new parameters in place (a period, a tab); it answers false when it cannot (another
  // place or device): the screen is then mounted again, as on arrival.
  if (current && current.name === found.name && typeof current.module.update === "function"
      && JSON.stringify(current.params) !== JSON.stringify(params) && current.module.update(params) !== false) {
    current.params = params;
    markNav();
    return;
  }
  if (current && current.name === found.name && JSON.stringify(current.params) === JSON.stringify(params)) return;
  unmount();
  const mine = generation;
  let module;
  try {
    module = await found.load();
  } catch (error) {
    screenElement.replaceChildren(h("p", { class: "error", role: "alert",
      text: "Cet écran n'a pas pu être chargé : " + error.message }));
    return;
  }
  if (mine !== generation || !me) return;
  current = { name: found.name, module, params };
  document.title = (params.title || module.title) + " — Relais";
  markNav();
  try {
    await module.mount(screenElement, params, { me, live });
  } catch (error) {
    if (!(error instanceof LoggedOut) && mine === generation) {
      screenElement.append(h("p", { class: "error", role: "alert", text: "Le hub ne répond pas : " + error.message }));
    }
  }
}

/** Where a session starts when the address names no screen: the first of its links. */
function firstScreen(who) {
  const first = links(who)[0];
  return first ? first[1] : href("alertes");
}

/** The kind of the account's place (a van's agents land on the tour): asked once at login. */
async function withSiteKind(who) {
  if (!who.site || who.siteKind) return who;
  try {
    // The hub has no GET /api/sites/{id}: the list, which a site-scoped account reads with its own place alone.
    const place = (await fetchAll("/api/sites")).items.find((site) => site.id === who.site);
    if (place) return { ...who, siteKind: place.kind };
  } catch (error) {
    if (error instanceof LoggedOut) throw error;
  }
  return who;
}

async function enter(found) {
  const who = await withSiteKind(found);
  me = who;
  setSession(who.csrfToken, () => showLogin());
  document.getElementById("login").hidden = true;
  document.getElementById("password").value = "";
  document.getElementById("who").textContent = who.username + " (" + (ROLE_WORDS[who.role] || who.role)
    + (who.site ? ", " + who.site : "") + ")";
  document.getElementById("account").hidden = false;
  // The fleet's counts the old page wrote here are the screens' now (Territoire, Alertes), and the live
  // channel's state has its own line: once logged in, the line is hidden rather than left empty.
  showSummary("");
  drawNav();
  live.start(document.getElementById("live-status"));
  route();
}

/**
 * The session is over, whoever noticed it first (a 401, the live channel's "logout", the button): the
 * screen and its data go, and the login form comes back with a message when there is one.
 */
function showLogin(message) {
  me = null;
  setSession(null);
  live.stop();
  unmount();
  screenElement.hidden = true;
  drawNav();
  document.title = "Relais — tableau de bord";
  document.getElementById("account").hidden = true;
  showSummary("Connectez-vous pour voir les lieux.");
  const form = document.getElementById("login");
  const error = document.getElementById("login-error");
  error.hidden = !message;
  error.textContent = message || "";
  const wasHidden = form.hidden;
  form.hidden = false;
  if (wasHidden || message) document.getElementById(message ? "password" : "username").focus();
}

/** The header's line under the title: what to do before logging in, or why the hub cannot be read. */
function showSummary(words) {
  const summary = document.getElementById("summary");
  summary.textContent = words;
  summary.hidden = !words;
}

async function login(event) {
  event.preventDefault();
  const username = document.getElementById("username").value.trim();
  const password = document.getElementById("password").value;
  if (!username || !password) {
    showLogin("Saisissez votre nom d'utilisateur et votre mot de passe.");
    return;
  }
  try {
    const response = await api("/api/login", "POST", { username, password });
    if (response.ok) {
      await enter(await response.json());
    } else if (response.status === 429) {
      showLogin("Trop d'essais manqués : réessayez dans " + (response.headers.get("Retry-After") || "60") + " s.");
    } else if (response.status === 401) {
      showLogin("Nom d'utilisateur ou mot de passe incorrect.");
    } else {
      showLogin("Connexion refusée : " + (await response.json()).error);
    }
  } catch (error) {
    showLogin("Le hub ne répond pas : " + error.message);
  }
}

async function logout() {
  try {
    await api("/api/logout", "POST");
  } catch (error) {
    // Logged out already, or the hub is away: the form is shown either way.
  }
  showLogin();
}

async function start() {
  document.getElementById("login").addEventListener("submit", login);
  document.getElementById("logout").addEventListener("click", logout);
  window.addEventListener("hashchange", route);
  live.on("logout", () => showLogin());
  setSession(null, () => showLogin());
  try {
    const response = await api("/api/me");
    if (!response.ok) throw new Error("/api/me : HTTP " + response.status);
    await enter(await response.json());
  } catch (error) {
    if (!(error instanceof LoggedOut)) {
      showSummary("Le hub ne répond pas : " + error.message);
    }
  }
}

start();
