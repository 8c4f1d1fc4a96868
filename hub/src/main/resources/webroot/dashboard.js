// The fleet page (#flotte): every site, its node and its devices, worst news first. A legacy page: the
// module screens (app/) replace it in session 3.
"use strict";

const KIND_LABELS = { mediation: "Médiation numérique", coworking: "Coworking", van: "Bus France Services" };
const HEALTH_LABELS = { ok: "OK", warning: "À surveiller", critical: "Critique", unknown: "Inconnu" };
const HEALTH_RANK = { critical: 0, warning: 1, unknown: 2, ok: 3 };
const ROLE_LABELS = { admin: "administration", technician: "technicien", viewer: "lecture seule",
  manager: "gestion du coworking", mediator: "médiation" };

// Given by login and by GET /api/me; every write made with the session cookie must carry it.
let csrfToken = null;
let refreshTimer = null;
// A viewer or a manager reads alerts only: the alert buttons are not shown to them (the API would refuse anyway).
let role = null;
// Bumped at every login and logout: an answer that arrives after it belongs to another session.
let session = 0;
// Answers to overlapping refreshes may come back in any order: only a newer one is drawn.
let refreshes = 0;
let refreshDrawn = 0;

/** Thrown when the session is missing or over: the login form is shown instead. */
class LoggedOut extends Error {}

async function api(path, method = "GET", body = undefined) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken || "";
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  if (response.status === 401 && path !== "/api/login") {
    showLogin();
    throw new LoggedOut(path);
  }
  return response;
}

async function fetchJson(path) {
  const response = await api(path);
  if (!response.ok) {
    throw new Error(path + " : HTTP " + response.status);
  }
  return response.json();
}

function showLogin(message) {
  csrfToken = null;
  role = null;
  session++;
  resetAlerts();
  resetCoworking();
  resetQueue();
  resetPlacePages();
  clearInterval(refreshTimer);
  refreshTimer = null;
  document.getElementById("sites").replaceChildren();
  document.getElementById("account").hidden = true;
  document.getElementById("summary").textContent = "Connectez-vous pour voir les lieux.";
  const form = document.getElementById("login");
  const error = document.getElementById("login-error");
  error.hidden = !message;
  error.textContent = message || "";
  const wasHidden = form.hidden;
  form.hidden = false;
  if (wasHidden || message) document.getElementById(message ? "password" : "username").focus();
  // The module screens (app/main.js) end their part of the session too, whoever noticed it was over.
  document.dispatchEvent(new CustomEvent("relais:logged-out"));
}

function loggedIn(me) {
  csrfToken = me.csrfToken;
  role = me.role;
  session++;
  document.getElementById("login").hidden = true;
  document.getElementById("password").value = "";
  document.getElementById("who").textContent = me.username + " (" + (ROLE_LABELS[me.role] || me.role)
    + (me.site ? ", " + me.site : "") + ")";
  document.getElementById("account").hidden = false;
  refresh();
  coworkingLoggedIn(me);
  queueLoggedIn(me);
  placePagesLoggedIn(me);
  if (refreshTimer === null) refreshTimer = setInterval(refresh, 5000);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function since(iso) {
  if (!iso) return "jamais";
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) return "il y a " + seconds + " s";
  if (seconds < 3600) return "il y a " + Math.round(seconds / 60) + " min";
  return new Date(iso).toLocaleString("fr-FR");
}

function describeMetrics(metrics) {
  if (!metrics) return "";
  return Object.entries(metrics).map(([name, value]) => name + " : " + value).join(" · ");
}

function renderSite(site, nodes, devices) {
  const card = element("section", "site");
  const title = element("h2", null, site.name);
  title.append(element("span", "kind", KIND_LABELS[site.kind] || site.kind));
  card.append(title);
  for (const node of nodes) {
    const line = element("p", "node " + (node.online ? "online" : "offline"));
    line.textContent = node.id + " — " + (node.online ? "en ligne" : "hors ligne (" + node.state + ")")
      + ", vu " + since(node.lastSeen);
    card.append(line);
    const list = element("ul", "devices");
    devices.filter((d) => d.node === node.id)
      .sort((a, b) => HEALTH_RANK[a.health] - HEALTH_RANK[b.health] || a.id.localeCompare(b.id))
      .forEach((device) => {
        const item = element("li", "device " + device.health);
        item.append(element("span", "health", HEALTH_LABELS[device.health] || device.health));
        item.append(element("strong", null, device.name));
        item.append(element("span", "metrics", describeMetrics(device.metrics)));
        list.append(item);
      });
    card.append(list);
  }
  return card;
}

/** "1 alerte", "0 alerte", "2 alertes": French puts 0 and 1 in the singular. */
function count(n, singular, plural) {
  return n + " " + (n < 2 ? singular : plural);
}

async function refresh() {
  const summary = document.getElementById("summary");
  const mine = session;
  const number = ++refreshes;
  try {
    const [sites, nodes, devices, alerts] = await Promise.all([
      fetchJson("/api/sites"), fetchJson("/api/nodes"), fetchJson("/api/devices"),
      fetchJson("/api/alerts?state=active&limit=1000")]);
    if (mine !== session || number < refreshDrawn) return;
    refreshDrawn = number;
    showAlerts(alerts);
    const container = document.getElementById("sites");
    container.replaceChildren(...sites.map((site) =>
      renderSite(site, nodes.filter((n) => n.site === site.id), devices)));
    const offline = nodes.filter((n) => !n.online).length;
    const critical = devices.filter((d) => d.health === "critical").length;
    summary.textContent = count(sites.length, "lieu", "lieux") + ", " + count(nodes.length, "nœud", "nœuds")
      + " (" + offline + " hors ligne), " + count(devices.length, "équipement", "équipements")
      + " (" + critical + " en état critique), " + count(alerts.length, "alerte", "alertes");
  } catch (error) {
    if (!(error instanceof LoggedOut) && mine === session) {
      summary.textContent = "Le hub ne répond pas : " + error.message;
    }
  }
}

/**
 * The legacy pages' own start. The session (GET /api/me, the login form, logout) is app/main.js's, which
 * calls loggedIn() and showLogin() here: one session for the module screens and these pages.
 */
function start() {
  startCoworking();
  startQueue();
  startWorkshops();
  startAppointments();
}

start();
