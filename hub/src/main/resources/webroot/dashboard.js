// The technicians' first view: every site, its node and its devices, worst news first.
"use strict";

const KIND_LABELS = { mediation: "Médiation numérique", coworking: "Coworking", van: "Bus France Services" };
const HEALTH_LABELS = { ok: "OK", warning: "À surveiller", critical: "Critique", unknown: "Inconnu" };
const HEALTH_RANK = { critical: 0, warning: 1, unknown: 2, ok: 3 };
const ROLE_LABELS = { admin: "administration", technician: "technicien", viewer: "lecture seule" };

// Given by login and by GET /api/me; every write made with the session cookie must carry it.
let csrfToken = null;
let refreshTimer = null;
// A viewer reads only: the alert buttons are not shown to them (the API would refuse anyway).
let role = null;
// The alert whose "clear" form is open: the 5-second refresh leaves the alert list alone while a
// technician types why, so the text is not wiped under their fingers.
let clearing = null;

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
  clearing = null;
  document.getElementById("alerts").replaceChildren();
  alertNotice("", false);
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
}

function loggedIn(me) {
  csrfToken = me.csrfToken;
  role = me.role;
  document.getElementById("login").hidden = true;
  document.getElementById("password").value = "";
  document.getElementById("who").textContent = me.username + " (" + (ROLE_LABELS[me.role] || me.role)
    + (me.site ? ", " + me.site : "") + ")";
  document.getElementById("account").hidden = false;
  refresh();
  if (refreshTimer === null) refreshTimer = setInterval(refresh, 5000);
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
      loggedIn(await response.json());
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

const SEVERITY_LABELS = { critical: "Critique", warning: "À surveiller", info: "Info" };
const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 };

// The alerts not yet cleared, worst and newest first, each with what a technician can do about
// it: take it in hand (acknowledge), or close it by hand saying why (clear; the API requires a
// comment). The account logged in is who does it.
function renderAlerts(alerts) {
  const list = element("ul", "alerts");
  alerts.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
      || b.openedAt.localeCompare(a.openedAt))
    .forEach((alert) => {
      const item = element("li", "alert " + alert.severity);
      item.dataset.alert = alert.id;
      item.append(element("span", "health", SEVERITY_LABELS[alert.severity] || alert.severity));
      item.append(element("strong", null, [alert.site, alert.node, alert.device].filter(Boolean).join(" / ")));
      item.append(element("span", "metrics", alert.message + " — " + since(alert.openedAt)
        + (alert.state === "acknowledged" ? ", pris en charge par " + alert.acknowledgedBy : "")
        + (alert.flapping ? ", instable" : "")));
      if (role && role !== "viewer") item.append(alertActions(alert));
      list.append(item);
    });
  return list;
}

function alertActions(alert) {
  const actions = element("span", "actions");
  if (alert.state === "open") {
    const take = element("button", "acknowledge", "Prendre en charge");
    take.type = "button";
    take.addEventListener("click", () => changeAlert(alert.id, "ack", {}, "Alerte prise en charge."));
    actions.append(take);
  }
  const close = element("button", "clear", "Clore…");
  close.type = "button";
  close.addEventListener("click", () => {
    clearing = alert.id;
    close.replaceWith(clearForm(alert));
    document.getElementById("clear-comment").focus();
  });
  actions.append(close);
  return actions;
}

function clearForm(alert) {
  const form = element("form", "clear-form");
  form.noValidate = true;
  const label = element("label", null, "Pourquoi clore cette alerte ?");
  label.htmlFor = "clear-comment";
  const comment = element("input");
  comment.id = "clear-comment";
  comment.maxLength = 2000;
  comment.autocomplete = "off";
  const submit = element("button", null, "Clore l'alerte");
  submit.type = "submit";
  const cancel = element("button", null, "Annuler");
  cancel.type = "button";
  cancel.addEventListener("click", () => {
    clearing = null;
    refresh();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const why = comment.value.trim();
    if (!why) {
      alertNotice("Dites en quelques mots pourquoi vous closez l'alerte (par exemple : cartouche changée).", true);
      comment.focus();
      return;
    }
    changeAlert(alert.id, "clear", { comment: why }, "Alerte close.");
  });
  form.append(label, comment, submit, cancel);
  return form;
}

function alertNotice(text, isError) {
  const notice = document.getElementById("alert-notice");
  notice.textContent = text;
  notice.className = isError ? "error" : "done";
  notice.hidden = !text;
}

async function changeAlert(id, action, body, done) {
  try {
    const response = await api("/api/alerts/" + encodeURIComponent(id) + "/" + action, "POST", body);
    if (response.ok) {
      clearing = null;
      alertNotice(done, false);
    } else {
      // 409 when someone else was quicker (already acknowledged or cleared): say so and show the news.
      const answer = await response.json().catch(() => ({ error: "HTTP " + response.status }));
      if (response.status === 409) clearing = null;
      alertNotice("Impossible : " + answer.error, true);
    }
  } catch (error) {
    if (error instanceof LoggedOut) return;
    alertNotice("Le hub ne répond pas : " + error.message, true);
    return;
  }
  refresh();
}

async function refresh() {
  const summary = document.getElementById("summary");
  try {
    const [sites, nodes, devices, alerts] = await Promise.all([
      fetchJson("/api/sites"), fetchJson("/api/nodes"), fetchJson("/api/devices"),
      fetchJson("/api/alerts?state=active")]);
    // Not while a clear form is open, unless its alert is gone (cleared by the hub or by a colleague).
    if (clearing !== null && !alerts.some((alert) => alert.id === clearing)) {
      clearing = null;
      alertNotice("Cette alerte a été close entre-temps : rien d'autre à faire.", false);
    }
    if (clearing === null) document.getElementById("alerts").replaceChildren(renderAlerts(alerts));
    const container = document.getElementById("sites");
    container.replaceChildren(...sites.map((site) =>
      renderSite(site, nodes.filter((n) => n.site === site.id), devices)));
    const offline = nodes.filter((n) => !n.online).length;
    const critical = devices.filter((d) => d.health === "critical").length;
    summary.textContent = sites.length + " lieux, " + nodes.length + " nœuds (" + offline + " hors ligne), "
      + devices.length + " équipements (" + critical + " en état critique), " + alerts.length + " alertes";
  } catch (error) {
    if (!(error instanceof LoggedOut)) summary.textContent = "Le hub ne répond pas : " + error.message;
  }
}

async function start() {
  document.getElementById("login").addEventListener("submit", login);
  document.getElementById("logout").addEventListener("click", logout);
  try {
    loggedIn(await fetchJson("/api/me"));
  } catch (error) {
    if (!(error instanceof LoggedOut)) document.getElementById("summary").textContent = "Le hub ne répond pas : " + error.message;
  }
}

start();
