// The queue page ("File d'attente") for the mediator of a place: today's tickets, a big "Appeler le
// suivant" button for the desk (its name kept in this browser), the tickets called, waiting and done,
// the estimated wait. Refreshed every 3 s in place: each ticket's row is kept by its id and only its
// changed text is rewritten, so a button under a finger does not vanish. Uses api(), fetchJson() and
// LoggedOut of dashboard.js; dashboard.js calls startQueue(), queueLoggedIn() and resetQueue().
"use strict";

const QUEUE_TOPIC_LABELS = { caf: "CAF", "france-travail": "France Travail", retraite: "Retraite",
  impots: "Impôts", sante: "Santé", papiers: "Papiers d'identité", autre: "Autre démarche" };
const QUEUE_DESK_KEY = "relais.queue.desk";
const QUEUE_REFRESH_MS = 3000;

const qu = {
  me: null,       // GET /api/me of the session; null when logged out or not allowed here
  site: null,
  timer: null,
  session: 0,     // bumped at every login/logout: late answers of another session are dropped
  drawn: 0,       // answers to overlapping refreshes may come back in any order: only a newer one is drawn
  asked: 0,
};

/** Who runs a queue: a mediator or a manager at their place, admins and technicians anywhere. */
function mayRunQueue(role) {
  return role === "admin" || role === "technician" || role === "mediator" || role === "manager";
}

/** Whether the queue page is the one shown (coworking.js asks, to leave the fleet view hidden). */
function queueShown() {
  return location.hash === "#queue" && qu.me !== null;
}

function queueTime(iso) {
  // The place's time, whatever the mediator's computer says.
  return iso ? new Date(iso).toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit",
    timeZone: "Europe/Paris" }) : "";
}

function queueNotice(text, isError) {
  const notice = document.getElementById("q-notice");
  notice.className = text ? (isError ? "error" : "done") : "";
  notice.textContent = text;
}

function queueMinutes(seconds) {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return rest + " s";
  return minutes + " min" + (rest ? " " + String(rest).padStart(2, "0") + " s" : "");
}

/** "3 personnes attendent · attente estimée : 25 min · accueil moyen : 8 min 20 s". */
function queueFigures(day) {
  const waiting = day.waiting === 0 ? "Personne n'attend" : day.waiting === 1 ? "1 personne attend"
    : day.waiting + " personnes attendent";
  const wait = "attente estimée : " + day.estimatedWaitMinutes + " min";
  const mean = day.averageServiceSeconds === null ? "durée d'un accueil pas encore mesurée aujourd'hui"
    : "accueil moyen : " + queueMinutes(day.averageServiceSeconds);
  return waiting + " · " + wait + " · " + mean;
}

/** The words of a ticket's row, by status; also its signature: the row is rewritten only when they change. */
function queueRowText(ticket) {
  const topic = QUEUE_TOPIC_LABELS[ticket.topic] || ticket.topic;
  if (ticket.status === "called") return [ticket.label, topic, "appelé à " + queueTime(ticket.calledAt)
    + (ticket.desk ? " — " + ticket.desk : "")];
  if (ticket.status === "waiting") return [ticket.label, topic, "arrivé à " + queueTime(ticket.takenAt)];
  if (ticket.status === "done") return [ticket.label, topic, "reçu" + (ticket.desk ? " — " + ticket.desk : "")
    + (ticket.doneAt ? ", fini à " + queueTime(ticket.doneAt) : "")];
  return [ticket.label, topic, "absent"];
}

/** The buttons of a row: what the mediator may do with a ticket in that state. */
function queueActions(ticket) {
  if (ticket.status === "called") return [["done", "Reçu"], ["no-show", "Absent"], ["recall", "Rappeler"]];
  if (ticket.status === "no-show") return [["recall", "Rappeler"]];
  return [];
}

function queueRow(ticket) {
  const row = document.createElement("li");
  row.className = "cw-item q-ticket";
  row.dataset.id = ticket.id;
  const label = document.createElement("strong");
  label.className = "q-label";
  const topic = document.createElement("span");
  topic.className = "q-topic";
  const detail = document.createElement("span");
  detail.className = "q-detail";
  const actions = document.createElement("span");
  actions.className = "q-actions";
  row.append(label, topic, detail, actions);
  return row;
}

/** Writes a row's words and buttons, only where they changed. */
function queueFill(row, ticket) {
  const words = queueRowText(ticket);
  const signature = JSON.stringify([words, ticket.status]);
  if (row.dataset.signature === signature) return;
  row.dataset.signature = signature;
  row.dataset.status = ticket.status;
  row.querySelector(".q-label").textContent = words[0];
  row.querySelector(".q-topic").textContent = words[1];
  row.querySelector(".q-detail").textContent = words[2];
  const buttons = queueActions(ticket).map(([action, text]) => {
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.action = action;
    button.textContent = text;
    button.setAttribute("aria-label", text + " : " + words[0]);
    return button;
  });
  row.querySelector(".q-actions").replaceChildren(...buttons);
}

/** Keyed update of a list: rows kept by ticket id, added, removed and reordered without rebuilding the rest. */
function queueDrawList(list, tickets, emptyText) {
  const existing = new Map([...list.querySelectorAll("li.q-ticket")].map((row) => [row.dataset.id, row]));
  let previous = null;
  for (const ticket of tickets) {
    let row = existing.get(ticket.id);
    if (row) existing.delete(ticket.id);
    else row = queueRow(ticket);
    queueFill(row, ticket);
    const wanted = previous ? previous.nextSibling : list.firstChild;
    if (wanted !== row) list.insertBefore(row, wanted);
    previous = row;
  }
  existing.forEach((row) => row.remove());
  let empty = list.querySelector("li.q-empty");
  if (tickets.length === 0 && !empty) {
    empty = document.createElement("li");
    empty.className = "q-empty";
    empty.textContent = emptyText;
    list.append(empty);
  } else if (tickets.length > 0 && empty) {
    empty.remove();
  }
}

function queueDraw(day) {
  document.getElementById("q-figures").textContent = queueFigures(day);
  const items = day.items || [];
  queueDrawList(document.getElementById("q-calling"), day.calling || [], "Aucun ticket appelé.");
  queueDrawList(document.getElementById("q-waiting"), items.filter((t) => t.status === "waiting"),
    "Personne n'attend.");
  queueDrawList(document.getElementById("q-done"), items.filter((t) => t.status === "done" || t.status === "no-show")
    .reverse(), "Aucun ticket terminé aujourd'hui.");
}

async function refreshQueue() {
  if (!queueShown() || !qu.site) return;
  const mine = qu.session;
  const number = ++qu.asked;
  try {
    const day = await fetchJson("/api/queue/" + encodeURIComponent(qu.site));
    if (mine !== qu.session || number < qu.drawn) return;
    qu.drawn = number;
    queueDraw(day);
  } catch (error) {
    if (!(error instanceof LoggedOut) && mine === qu.session) queueNotice("Le hub ne répond pas : " + error.message, true);
  }
}

/** A write, then the page drawn again; the refusal in plain French. */
async function queueSend(path, body) {
  const response = await api(path, "POST", body);
  let answer = null;
  try {
    answer = await response.json();
  } catch (error) {
    answer = null;
  }
  return { ok: response.ok, status: response.status, body: answer };
}

function queueRefusal(result) {
  if (result.status === 403) return "Votre compte ne permet pas de gérer la file de ce lieu.";
  if (result.status === 404) return "Personne n'attend.";
  if (result.status === 409) return "Ce ticket a déjà changé : la liste est mise à jour.";
  if (result.status === 400) return "Le hub a refusé : " + ((result.body && result.body.error) || "vérifiez le bureau.");
  return "Le hub a refusé (erreur " + result.status + ") : réessayez dans un instant.";
}

async function callNext(event) {
  event.preventDefault();
  const input = document.getElementById("q-desk");
  const desk = input.value.trim();
  if (!desk) {
    input.setAttribute("aria-invalid", "true");
    queueNotice("Indiquez votre bureau (par exemple : Bureau 1) avant d'appeler.", true);
    input.focus();
    return;
  }
  input.removeAttribute("aria-invalid");
  localStorage.setItem(QUEUE_DESK_KEY, desk);
  const button = document.getElementById("q-next");
  button.disabled = true;
  try {
    const result = await queueSend("/api/queue/" + encodeURIComponent(qu.site) + "/call-next", { desk });
    if (result.ok) queueNotice("Ticket " + result.body.label + " appelé — " + result.body.desk + ".", false);
    else queueNotice(queueRefusal(result), result.status !== 404);
    await refreshQueue();
  } catch (error) {
    if (!(error instanceof LoggedOut)) queueNotice("Le hub ne répond pas : " + error.message, true);
  } finally {
    button.disabled = false;
  }
}

async function queueAction(event) {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const row = button.closest("li.q-ticket");
  const action = button.dataset.action;
  const desk = document.getElementById("q-desk").value.trim();
  button.disabled = true;
  try {
    const result = await queueSend("/api/queue/" + encodeURIComponent(qu.site) + "/tickets/"
      + encodeURIComponent(row.dataset.id) + "/" + action, action === "recall" && desk ? { desk } : undefined);
    if (result.ok) {
      const said = { done: " reçu.", "no-show": " noté absent.", recall: " rappelé." }[action];
      queueNotice("Ticket " + result.body.label + said, false);
    } else {
      queueNotice(queueRefusal(result), true);
    }
    await refreshQueue();
  } catch (error) {
    if (!(error instanceof LoggedOut)) queueNotice("Le hub ne répond pas : " + error.message, true);
  } finally {
    button.disabled = false;
  }
}

/** The fleet view, the coworking page or this one, from the address: Back and a bookmark work. */
function queueRoute() {
  const shown = queueShown();
  document.getElementById("queue").hidden = !shown;
  document.getElementById("nav-queue").setAttribute("aria-current", shown ? "page" : "false");
  if (shown) {
    document.getElementById("fleet").hidden = true;
    document.getElementById("coworking").hidden = true;
    document.getElementById("nav-fleet").setAttribute("aria-current", "false");
    refreshQueue();
  }
  document.body.classList.toggle("on-queue", shown);
}

async function queueSites(me) {
  const choice = document.getElementById("q-site-choice");
  if (me.site) {
    qu.site = me.site;
    choice.hidden = true;
    return;
  }
  const answer = await fetchJson("/api/sites");
  const sites = Array.isArray(answer) ? answer : (answer && answer.items) || [];
  const select = document.getElementById("q-site");
  const chosen = select.value;
  select.replaceChildren(...sites.map((s) => new Option(s.name || s.id, s.id)));
  if (sites.some((s) => s.id === chosen)) select.value = chosen;
  qu.site = select.value || null;
  choice.hidden = sites.length < 2;
}

/** Called by dashboard.js once logged in. */
async function queueLoggedIn(me) {
  qu.session++;
  const allowed = mayRunQueue(me.role);
  document.getElementById("nav-queue").hidden = !allowed;
  if (!allowed) {
    qu.me = null;
    queueRoute();
    return;
  }
  qu.me = me;
  document.getElementById("views").hidden = false;
  // The person who runs the place comes for this page, not for the fleet.
  if (me.role === "mediator" && (location.hash === "" || location.hash === "#")) {
    history.replaceState(null, "", "#queue");
  }
  queueRoute();
  try {
    await queueSites(me);
  } catch (error) {
    if (!(error instanceof LoggedOut)) queueNotice("Le hub ne répond pas : " + error.message, true);
  }
  if (qu.timer === null) qu.timer = setInterval(refreshQueue, QUEUE_REFRESH_MS);
  queueRoute();
}

/** Called by dashboard.js on logout: nothing of the session stays on screen. */
function resetQueue() {
  qu.session++;
  qu.me = null;
  qu.site = null;
  clearInterval(qu.timer);
  qu.timer = null;
  for (const id of ["q-calling", "q-waiting", "q-done"]) document.getElementById(id).replaceChildren();
  document.getElementById("q-figures").textContent = "";
  document.getElementById("nav-queue").hidden = true;
  document.getElementById("queue").hidden = true;
  document.body.classList.remove("on-queue");
  queueNotice("", false);
}

function startQueue() {
  // After coworking.js's own listener: this one has the last word on what is shown.
  window.addEventListener("hashchange", queueRoute);
  document.getElementById("q-call").addEventListener("submit", callNext);
  document.getElementById("queue").addEventListener("click", queueAction);
  document.getElementById("q-desk").value = localStorage.getItem(QUEUE_DESK_KEY) || "";
  document.getElementById("q-site").addEventListener("change", (event) => {
    qu.site = event.target.value;
    qu.drawn = qu.asked;
    for (const id of ["q-calling", "q-waiting", "q-done"]) document.getElementById(id).replaceChildren();
    refreshQueue();
  });
}
