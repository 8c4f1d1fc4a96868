// The coworking page, for the person who runs the place (a manager, not a technician): members and
// their badges, bookings, who is in, the doors' log, the plans. This file holds what its parts share:
// the navigation between the fleet view and this page, the site, the tabs, the confirmation dialog
// and the calls to /api/coworking. Loaded after alerts.js and before the cowork-*.js files and
// dashboard.js, whose api(), element() and LoggedOut it uses once the page runs.
"use strict";

const MEMBER_STATUS_LABELS = { active: "Actif", suspended: "Suspendu", revoked: "Révoqué" };
const WEEKDAYS = [["mon", "Lundi"], ["tue", "Mardi"], ["wed", "Mercredi"], ["thu", "Jeudi"], ["fri", "Vendredi"],
  ["sat", "Samedi"], ["sun", "Dimanche"]];

const cw = {
  me: null,          // GET /api/me of the session; null when logged out or not allowed here
  site: null,        // the coworking place shown
  tab: "members",
  members: [],       // the site's members, for names everywhere (bookings, log)
  plans: [],
  resources: [],
  devices: [],       // the site's devices: readers for enrolment, doors for plans and remote opening
  timer: null,
  session: 0,        // bumped at every login/logout: late answers of another session are dropped
};

/** Who may see this page: the roles of ISSUE 11; a viewer reads the fleet view only. */
function mayCowork(role) {
  return role === "admin" || role === "technician" || role === "manager";
}

/** The list of an answer: the coworking routes page as {items, next}, the older ones as a bare array. */
function items(answer) {
  if (Array.isArray(answer)) return answer;
  return answer && Array.isArray(answer.items) ? answer.items : [];
}

function cwPath(path, params = {}) {
  const query = new URLSearchParams();
  // A route about one thing (a member's badges) takes no site: {site: null} leaves it out.
  if (cw.site && !("site" in params)) query.set("site", cw.site);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(name, value);
  }
  const text = query.toString();
  return path + (text ? (path.includes("?") ? "&" : "?") + text : "");
}

/** GET of a coworking list of the current site; throws with the HTTP status when refused. */
async function cwList(path, params) {
  const response = await api(cwPath(path, params));
  if (!response.ok) throw new Error(path + " : HTTP " + response.status);
  return items(await response.json());
}

/** A write; answers {ok, status, body} so that each caller says in plain words what went wrong. */
async function cwSend(method, path, body) {
  const response = await api(path, method, body);
  let answer = null;
  try {
    answer = await response.json();
  } catch (error) {
    answer = null;
  }
  return { ok: response.ok, status: response.status, body: answer };
}

/** The hub's refusal in plain French, for a person who does not read HTTP codes. */
function cwRefusal(result) {
  if (result.status === 403) return "Votre compte ne permet pas de faire cela.";
  if (result.status === 404) return "Introuvable : quelqu'un l'a peut-être supprimé. La liste est mise à jour.";
  if (result.status === 400) return "Le hub a refusé ces informations : " + ((result.body && result.body.error) || "vérifiez-les.");
  if (result.status === 409) return "Impossible : " + ((result.body && result.body.error) || "cela entre en conflit avec autre chose.");
  return "Le hub a refusé (erreur " + result.status + ") : réessayez dans un instant.";
}

function cwNotice(text, isError) {
  const notice = document.getElementById("cw-notice");
  notice.textContent = "";
  notice.className = text ? (isError ? "error" : "done") : "";
  notice.textContent = text;
}

/** Asks before something that cannot be undone at once; resolves to true when confirmed. */
function confirmAction(question, yesLabel) {
  const dialog = document.getElementById("cw-confirm");
  document.getElementById("cw-confirm-text").textContent = question;
  document.getElementById("cw-confirm-yes").textContent = yesLabel;
  dialog.returnValue = "";
  dialog.showModal();
  document.getElementById("cw-confirm-no").focus();
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "yes"), { once: true });
  });
}

function memberName(id) {
  const member = cw.members.find((m) => m.id === id);
  return member ? member.name : "membre inconnu";
}

function resourceName(id) {
  const resource = cw.resources.find((r) => r.id === id);
  return resource ? resource.name : "ressource inconnue";
}

function planName(id) {
  const plan = cw.plans.find((p) => p.id === id);
  return plan ? plan.name : "sans formule";
}

function deviceName(id) {
  const device = cw.devices.find((d) => d.id === id);
  return device && device.name ? device.name : (id || "");
}

/** The badge as people call it: its last 4 hex digits, never the number. */
function badgeLabel(label) {
  return "Badge …" + String(label || "????").toUpperCase();
}

function frTime(iso) {
  return new Date(iso).toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" });
}

function frDay(iso) {
  return new Date(iso).toLocaleDateString("fr-FR", { weekday: "long", day: "numeric", month: "long" });
}

/** "aujourd'hui à 09:12", "hier à 18:40", else the day in words. */
function frDateTime(iso) {
  const day = new Date(iso);
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  const same = (a, b) => a.toDateString() === b.toDateString();
  const when = same(day, today) ? "aujourd'hui" : same(day, yesterday) ? "hier" : frDay(iso);
  return when + " à " + frTime(iso);
}

/** yyyy-mm-dd of a local date, as <input type=date> wants it. */
function isoDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
}

/** Fills a <select> keeping what was chosen, when it is still there. */
function fillSelect(select, options, emptyLabel) {
  // Rebuilt only when the choices changed: a list open under a thumb must not close every 5 s.
  const signature = JSON.stringify([emptyLabel, options]);
  if (select.dataset.options === signature) return;
  select.dataset.options = signature;
  const chosen = select.value;
  const nodes = [];
  if (emptyLabel !== undefined) nodes.push(new Option(emptyLabel, ""));
  for (const [value, label] of options) nodes.push(new Option(label, value));
  select.replaceChildren(...nodes);
  if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
}

/** The shared lists every tab names things from; read again when the site changes or after a write. */
async function loadShared() {
  const mine = cw.session;
  const [members, plans, resources, devices] = await Promise.all([
    cwList("/api/coworking/members", { limit: 1000 }), cwList("/api/coworking/plans", { limit: 1000 }),
    cwList("/api/coworking/resources", { limit: 1000 }).catch(() => []),
    cwList("/api/devices", { limit: 1000 }).catch(() => [])]);
  if (mine !== cw.session) return false;
  cw.members = members.sort((a, b) => a.name.localeCompare(b.name, "fr"));
  cw.plans = plans;
  cw.resources = resources;
  cw.devices = devices;
  const planOptions = plans.map((p) => [p.id, p.name]);
  document.querySelectorAll(".cw-plan-select").forEach((s) => fillSelect(s, planOptions, "Sans formule"));
  const active = cw.members.filter((m) => m.status === "active").map((m) => [m.id, m.name]);
  document.querySelectorAll(".cw-member-select").forEach((s) => fillSelect(s, active, "Choisir un membre"));
  fillSelect(document.getElementById("cw-b-resource"), resources.map((r) => [r.id, r.name]), "Choisir");
  return true;
}

/** Draws the open tab from the hub; called on every change of tab or site and every few seconds. */
async function refreshCoworking() {
  if (!cw.me || !cw.site || document.getElementById("coworking").hidden) return;
  try {
    if (!(await loadShared())) return;
    const draw = { members: drawMembers, bookings: drawBookings, presence: drawPresence, log: drawLog,
      plans: drawPlans }[cw.tab];
    await draw();
  } catch (error) {
    if (!(error instanceof LoggedOut)) cwNotice("Le hub ne répond pas : " + error.message, true);
  }
}

function showTab(tab) {
  cw.tab = tab;
  document.querySelectorAll("#cw-tabs [role=tab]").forEach((button) => {
    const on = button.dataset.tab === tab;
    button.setAttribute("aria-selected", String(on));
    button.tabIndex = on ? 0 : -1;
    document.getElementById(button.getAttribute("aria-controls")).hidden = !on;
  });
  cwNotice("", false);
  stopEnrolment();
  refreshCoworking();
}

/** The fleet view (#) or this page (#coworking), from the address: Back and a bookmark work. */
function route() {
  const coworking = location.hash === "#coworking" && cw.me !== null;
  // Another page (queue.js) may be the one shown: the fleet view stays hidden then.
  // So may a module screen (app/main.js, every "#/…" address).
  const elsewhere = (typeof queueShown === "function" && queueShown()) || location.hash.startsWith("#/");
  document.getElementById("fleet").hidden = coworking || elsewhere;
  document.getElementById("coworking").hidden = !coworking;
  document.body.classList.toggle("on-coworking", coworking);
  document.getElementById("nav-fleet").setAttribute("aria-current", coworking || elsewhere ? "false" : "page");
  document.getElementById("nav-coworking").setAttribute("aria-current", coworking ? "page" : "false");
  if (!coworking) stopEnrolment();
  refreshCoworking();
}

async function chooseSites(me) {
  const choice = document.getElementById("cw-site-choice");
  if (me.site) {
    cw.site = me.site;
    choice.hidden = true;
    return;
  }
  const sites = items(await fetchJson("/api/sites"));
  const coworking = sites.filter((s) => s.kind === "coworking");
  const shown = coworking.length ? coworking : sites;
  fillSelect(document.getElementById("cw-site"), shown.map((s) => [s.id, s.name]));
  cw.site = document.getElementById("cw-site").value || null;
  choice.hidden = shown.length < 2;
}

/** Called by dashboard.js once logged in. */
async function coworkingLoggedIn(me) {
  cw.session++;
  const allowed = mayCowork(me.role);
  document.getElementById("views").hidden = !allowed;
  document.getElementById("nav-coworking").hidden = !allowed;
  if (!allowed) {
    cw.me = null;
    route();
    return;
  }
  cw.me = me;
  document.getElementById("cw-remote").hidden = me.role !== "admin";
  try {
    await chooseSites(me);
  } catch (error) {
    if (!(error instanceof LoggedOut)) cwNotice("Le hub ne répond pas : " + error.message, true);
  }
  // The person who runs the place comes for this page, not for the fleet.
  if (me.role === "manager" && location.hash === "") history.replaceState(null, "", "#coworking");
  if (cw.timer === null) cw.timer = setInterval(refreshCoworking, 5000);
  route();
}

/** Called by dashboard.js on logout: nothing of the session stays on screen. */
function resetCoworking() {
  cw.session++;
  cw.me = null;
  cw.site = null;
  cw.members = [];
  clearInterval(cw.timer);
  cw.timer = null;
  stopEnrolment();
  for (const id of ["cw-member-list", "cw-member-detail", "cw-booking-list", "cw-present", "cw-presence-table",
    "cw-log-list", "cw-plan-list", "cw-resource-list"]) {
    const list = document.getElementById(id);
    list.replaceChildren();
    delete list.dataset.drawn;
  }
  document.getElementById("views").hidden = true;
  document.getElementById("coworking").hidden = true;
  document.getElementById("fleet").hidden = false;
  document.body.classList.remove("on-coworking");
  cwNotice("", false);
}

function startCoworking() {
  window.addEventListener("hashchange", route);
  document.querySelectorAll("#cw-tabs [role=tab]").forEach((button) => {
    button.addEventListener("click", () => showTab(button.dataset.tab));
  });
  // Arrow keys move along the tabs, as screen-reader users expect of a tab list.
  document.getElementById("cw-tabs").addEventListener("keydown", (event) => {
    const tabs = [...document.querySelectorAll("#cw-tabs [role=tab]")];
    const at = tabs.findIndex((t) => t.dataset.tab === cw.tab);
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const next = tabs[(at + step + tabs.length) % tabs.length];
    showTab(next.dataset.tab);
    next.focus();
  });
  document.getElementById("cw-site").addEventListener("change", (event) => {
    cw.site = event.target.value;
    closeMemberDetail();
    refreshCoworking();
  });
  startMembers();
  startBookings();
  startPresence();
  startPlans();
  showTab("members");
}
