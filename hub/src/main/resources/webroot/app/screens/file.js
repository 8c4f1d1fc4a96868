// File d'attente, the mediator's landing page: today's tickets of the place, a big "Appeler le suivant"
// button for the desk (its name kept in this browser), the tickets called, waiting and done, the estimated
// wait. Read again when the hub says the place's queue changed (live "place" event), after a reconnection
// and after the mediator's own actions; rows are keyed by ticket, so a button under a finger stays put and
// the desk field keeps its text and focus.
import { h, keyed, text } from "../lib/dom.js";
import { LoggedOut, getJson } from "../lib/http.js";
import { hourOf, keepPlace, notTheirs, notice, runsPlaces, send, startOn } from "../lib/place-bookings.js";

export const title = "File d'attente";

const TOPICS = { caf: "CAF", "france-travail": "France Travail", retraite: "Retraite", impots: "Impôts",
  sante: "Santé", papiers: "Papiers d'identité", autre: "Autre démarche" };
const DESK_KEY = "relais.queue.desk";
const SAID = { done: " reçu.", "no-show": " noté absent.", recall: " rappelé." };

let view = null;

export async function mount(el, params, ctx) {
  view = { el, ctx, site: null, asked: 0, drawn: 0, offs: [] };
  const current = view;
  if (!runsPlaces(ctx.me.role)) {
    notTheirs(el, "file", title);
    return;
  }
  document.body.classList.add("on-queue");
  build(current);
  await startOn(current, params.site, () => current === view, { screen: "file", chooserId: "q-site", what: "queue",
    emptyWords: "Aucun lieu n'est enregistré : la file d'attente viendra avec le premier.", load });
}

export function update(params) {
  if (!view || (params.site && params.site === view.site) || keepPlace(view, params, "file")) return undefined;
  return false;
}

export function unmount() {
  if (!view) return;
  view.offs.forEach((off) => off());
  view = null;
  document.body.classList.remove("on-queue");
}

function build(current) {
  current.top = h("div", { class: "place-top" }, h("h2", { id: "q-title", text: title }));
  current.desk = h("input", { id: "q-desk", maxlength: "60", autocomplete: "off",
    placeholder: "Par exemple : Bureau 1" });
  current.desk.value = localStorage.getItem(DESK_KEY) || "";
  current.next = h("button", { type: "submit", id: "q-next", class: "primary", text: "Appeler le suivant" });
  current.notice = h("p", { id: "q-notice", class: "place-notice", role: "status", "aria-live": "polite" });
  current.figures = h("p", { id: "q-figures" });
  current.calling = h("ul", { id: "q-calling", class: "cw-list" });
  current.waiting = h("ul", { id: "q-waiting", class: "cw-list" });
  current.done = h("ul", { id: "q-done", class: "cw-list" });
  const section = (id, words, list) => h("section", { "aria-labelledby": id },
    h("h3", { id, text: words }), list);
  current.el.append(h("div", { id: "queue", class: "place-page file", "aria-labelledby": "q-title",
    onclick: (event) => act(current, event) },
  current.top,
  h("form", { id: "q-call", novalidate: true, "aria-label": "Appeler le ticket suivant",
    onsubmit: (event) => callNext(current, event) },
  h("label", { for: "q-desk", text: "Votre bureau" }), current.desk, current.next),
  current.notice, current.figures,
  section("q-calling-title", "Appelés", current.calling),
  section("q-waiting-title", "En attente", current.waiting),
  section("q-done-title", "Terminés", current.done)));
}

function minutes(seconds) {
  const whole = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (whole === 0) return rest + " s";
  return whole + " min" + (rest ? " " + String(rest).padStart(2, "0") + " s" : "");
}

/** "3 personnes attendent · attente estimée : 25 min · accueil moyen : 8 min 20 s". */
function figures(day) {
  const waiting = day.waiting === 0 ? "Personne n'attend" : day.waiting === 1 ? "1 personne attend"
    : day.waiting + " personnes attendent";
  const wait = "attente estimée : " + day.estimatedWaitMinutes + " min";
  const mean = day.averageServiceSeconds === null ? "durée d'un accueil pas encore mesurée aujourd'hui"
    : "accueil moyen : " + minutes(day.averageServiceSeconds);
  return waiting + " · " + wait + " · " + mean;
}

/** The words of a ticket's row, by status. */
function words(ticket) {
  const topic = TOPICS[ticket.topic] || ticket.topic;
  if (ticket.status === "called") return [ticket.label, topic, "appelé à " + hourOf(ticket.calledAt)
    + (ticket.desk ? " — " + ticket.desk : "")];
  if (ticket.status === "waiting") return [ticket.label, topic, "arrivé à " + hourOf(ticket.takenAt)];
  if (ticket.status === "done") return [ticket.label, topic, "reçu" + (ticket.desk ? " — " + ticket.desk : "")
    + (ticket.doneAt ? ", fini à " + hourOf(ticket.doneAt) : "")];
  return [ticket.label, topic, "absent"];
}

/** The buttons of a row: what the mediator may do with a ticket in that state. */
function actions(ticket) {
  if (ticket.status === "called") return [["done", "Reçu"], ["no-show", "Absent"], ["recall", "Rappeler"]];
  if (ticket.status === "no-show") return [["recall", "Rappeler"]];
  return [];
}

function row(item) {
  if (item.empty) return h("li", { class: "q-empty empty" });
  return h("li", { class: "cw-item q-ticket", "data-id": item.id }, h("strong", { class: "q-label" }),
    h("span", { class: "q-topic" }), h("span", { class: "q-detail" }), h("span", { class: "q-actions" }));
}

/** A row's words and buttons, rewritten only where they changed. */
function fill(element, item) {
  if (item.empty) {
    text(element, item.empty);
    return;
  }
  const said = words(item);
  const signature = JSON.stringify([said, item.status]);
  if (element.dataset.signature === signature) return;
  element.dataset.signature = signature;
  element.dataset.status = item.status;
  text(element.querySelector(".q-label"), said[0]);
  text(element.querySelector(".q-topic"), said[1]);
  text(element.querySelector(".q-detail"), said[2]);
  element.querySelector(".q-actions").replaceChildren(...actions(item).map(([action, label]) =>
    h("button", { type: "button", "data-action": action, text: label, "aria-label": label + " : " + said[0] })));
}

function drawList(list, tickets, emptyText) {
  keyed(list, tickets.length ? tickets : [{ id: "", empty: emptyText }], (t) => (t.empty ? "empty" : "t-" + t.id),
    row, fill);
}

function draw(current, day) {
  text(current.figures, figures(day));
  const items = day.items || [];
  drawList(current.calling, day.calling || [], "Aucun ticket appelé.");
  drawList(current.waiting, items.filter((t) => t.status === "waiting"), "Personne n'attend.");
  drawList(current.done, items.filter((t) => t.status === "done" || t.status === "no-show").reverse(),
    "Aucun ticket terminé aujourd'hui.");
}

async function load(current) {
  if (current !== view || !current.site) return;
  const number = ++current.asked;
  try {
    const day = await getJson("/api/queue/" + encodeURIComponent(current.site));
    // Answers to overlapping reads may come back in any order: only a newer one is drawn.
    if (current !== view || number < current.drawn) return;
    current.drawn = number;
    draw(current, day);
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) notice(current.notice, "Le hub ne répond pas : "
      + error.message, true);
  }
}

function queueRefusal(result) {
  if (result.status === 403) return "Votre compte ne permet pas de gérer la file de ce lieu.";
  if (result.status === 404) return "Personne n'attend.";
  if (result.status === 409) return "Ce ticket a déjà changé : la liste est mise à jour.";
  if (result.status === 400) {
    return "Le hub a refusé : " + ((result.body && result.body.error) || "vérifiez le bureau.");
  }
  return "Le hub a refusé (erreur " + result.status + ") : réessayez dans un instant.";
}

async function callNext(current, event) {
  event.preventDefault();
  const desk = current.desk.value.trim();
  if (!desk) {
    current.desk.setAttribute("aria-invalid", "true");
    notice(current.notice, "Indiquez votre bureau (par exemple : Bureau 1) avant d'appeler.", true);
    current.desk.focus();
    return;
  }
  current.desk.removeAttribute("aria-invalid");
  localStorage.setItem(DESK_KEY, desk);
  current.next.disabled = true;
  try {
    const result = await send("POST", "/api/queue/" + encodeURIComponent(current.site) + "/call-next", { desk });
    if (current !== view) return;
    if (result.ok) notice(current.notice, "Ticket " + result.body.label + " appelé — " + result.body.desk + ".", false);
    else notice(current.notice, queueRefusal(result), result.status !== 404);
    await load(current);
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) notice(current.notice, "Le hub ne répond pas : "
      + error.message, true);
  } finally {
    current.next.disabled = false;
  }
}

async function act(current, event) {
  const button = event.target.closest("button[data-action]");
  if (!button || !current.site) return;
  const ticket = button.closest("li.q-ticket");
  const action = button.dataset.action;
  const desk = current.desk.value.trim();
  button.disabled = true;
  try {
    const result = await send("POST", "/api/queue/" + encodeURIComponent(current.site) + "/tickets/"
      + encodeURIComponent(ticket.dataset.id) + "/" + action, action === "recall" && desk ? { desk } : undefined);
    if (current !== view) return;
    notice(current.notice, result.ok ? "Ticket " + result.body.label + SAID[action] : queueRefusal(result), !result.ok);
    await load(current);
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) notice(current.notice, "Le hub ne répond pas : "
      + error.message, true);
  } finally {
    button.disabled = false;
  }
}
