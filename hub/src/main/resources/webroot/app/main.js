// The dashboard's entry point: the session (GET /api/me, the login form, logout), the nav by role,
// the router of the "#/…" screens and the live channel. The legacy pages keep their own addresses.
import { api, LoggedOut, setSession } from "./lib/http.js";
import { h } from "./lib/dom.js";
import * as live from "./lib/live.js";
import { href, isScreen, match } from "./routes.js";
import { hideLegacyPages, legacyLoggedIn, showLogin } from "./legacy.js";

const screenElement = document.getElementById("screen");
const nav = document.getElementById("nav");
let me = null;
let current = null; // { name, module, params }
let generation = 0;

/** The links each role has: technicians the whole territory, site-scoped accounts their place. */
function links(who) {
  const all = [];
  if (who.role === "admin" || who.role === "technician") {
    all.push(["territoire", href("territoire"), "Territoire"]);
  } else if (who.site) {
    all.push(["lieu", href("lieu", who.site), "Mon lieu"]);
  }
  all.push(["alertes", href("alertes"), "Alertes"]);
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
    h("a", { href: address, "data-screen": name, text: label })));
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

/** Shows the screen the address asks for, or steps aside for a legacy page. */
async function route() {
  if (!me || !isScreen(location.hash)) {
    unmount();
    screenElement.hidden = true;
    markNav();
    return;
  }
  hideLegacyPages();
  screenElement.hidden = false;
  const { route: found, params } = match(location.hash);
  if (current && current.name === found.name && typeof current.module.update === "function"
      && JSON.stringify(current.params) !== JSON.stringify(params)) {
    current.params = params;
    current.module.update(params);
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

/** Where a session starts when the address names no page: a technician's territory, a viewer's place. */
function landing(who) {
  if (location.hash !== "" && location.hash !== "#") return;
  if (who.role === "admin" || who.role === "technician") history.replaceState(null, "", href("territoire"));
  else if (who.role === "viewer" && who.site) history.replaceState(null, "", href("lieu", who.site));
}

function enter(who) {
  me = who;
  setSession(who.csrfToken, () => showLogin());
  landing(who);
  legacyLoggedIn(who);
  drawNav();
  live.start(document.getElementById("live-status"));
  route();
}

/** Fired by the legacy showLogin(): the session is over, whoever noticed it first. */
function leave() {
  me = null;
  setSession(null);
  live.stop();
  unmount();
  screenElement.hidden = true;
  drawNav();
  document.title = "Relais — tableau de bord";
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
      enter(await response.json());
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
  document.addEventListener("relais:logged-out", leave);
  window.addEventListener("hashchange", route);
  live.on("logout", () => showLogin());
  setSession(null, () => showLogin());
  try {
    const response = await api("/api/me");
    if (!response.ok) throw new Error("/api/me : HTTP " + response.status);
    enter(await response.json());
  } catch (error) {
    if (!(error instanceof LoggedOut)) {
      document.getElementById("summary").textContent = "Le hub ne répond pas : " + error.message;
    }
  }
}

start();
