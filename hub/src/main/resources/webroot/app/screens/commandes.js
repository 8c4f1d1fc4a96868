// Commandes: what a technician can ask one node (#/commandes/{node}) — reconnect (rebirth), restart the
// kiosk, reboot the box, each confirmed in words before it leaves; "Ouvrir la porte une fois" for admins
// on a node with a door, confirmed by typing a word — and the node's recent commands, each followed live
// through the `command` events (en attente → envoyée → reçue → réussie / échouée / expirée). Rows are keyed
// by command id: a live change rewrites its row's text in place. A viewer sees the list, never the buttons.
import { h, keyed, text } from "../lib/dom.js";
import { dateAndTime, plural } from "../lib/format.js";
import { LoggedOut, api, fetchAll, getJson } from "../lib/http.js";
import { NODE_STATE_WORDS } from "../lib/labels.js";
import { href } from "../routes.js";

export const title = "Commandes";

/** The commands the edge agent knows (BuiltinCommands), what the button says and what is asked first. */
export const ACTIONS = [
  { name: "rebirth", button: "Redémarrer la connexion (rebirth)", word: "Redémarrage de la connexion",
    ask: "Le boîtier se reconnecte au hub et renvoie son état. Rien ne s'arrête sur place." },
  { name: "restart-kiosk", button: "Redémarrer la borne", word: "Redémarrage de la borne",
    ask: "L'écran de la borne s'éteint quelques secondes : la personne qui l'utilise perd ce qu'elle faisait." },
  { name: "reboot", button: "Redémarrer le boîtier", word: "Redémarrage du boîtier",
    ask: "Le boîtier redémarre : imprimantes, porte et capteurs ne sont plus suivis pendant une à deux minutes." },
];
const DOOR = { name: "open-door", word: "Ouverture de la porte" };
/** What an administrator types to open a door: a word, not a click that a slip of the thumb would make. */
export const DOOR_WORD = "OUVRIR";
export const STATUS_WORDS = { pending: "En attente", sent: "Envoyée", delivered: "Reçue", succeeded: "Réussie",
  failed: "Échouée", "timed-out": "Expirée" };
const FINAL = new Set(["succeeded", "failed", "timed-out"]);
const NAMES = { ...Object.fromEntries([...ACTIONS, DOOR].map((a) => [a.name, a.word])), ping: "Test de réponse (ping)",
  "set-config": "Nouvelle configuration" };

let view = null;

export function mount(el, params, ctx) {
  const role = ctx.me && ctx.me.role;
  view = { el, ctx, node: params.node, acts: role === "admin" || role === "technician", admin: role === "admin",
    commands: new Map(), doors: [], session: 0, offs: [] };
  view.state = h("p", { class: "node-state" });
  view.problem = h("p", { class: "notice", role: "status" });
  view.notice = h("p", { class: "command-done", role: "status", "aria-live": "polite" });
  view.actions = h("div", { class: "command-actions", hidden: true });
  view.heading = h("h3", { id: "commands-list-title", tabindex: "-1", text: "Commandes récentes" });
  view.count = h("p", { class: "command-count" });
  view.list = h("ul", { class: "command-list", "aria-labelledby": "commands-list-title" });
  view.empty = h("p", { class: "empty", hidden: true, text: "Aucune commande envoyée à ce boîtier." });
  el.append(h("div", { class: "screen commandes" },
    h("h2", {}, "Commandes du boîtier ", h("span", { class: "node-id", text: params.node })),
    view.state, view.problem, view.notice, view.actions,
    h("section", { class: "commands-panel", "aria-labelledby": "commands-list-title" },
      view.heading, view.count, view.empty, view.list)));
  const live = ctx.live;
  view.offs = [
    live.on("command", (c) => view && c.node === view.node && changed(c)),
    live.on("reset", () => view && reread()),
    live.on("refresh", () => view && view.known && loadCommands(view)),
  ];
  return loadNode(view);
}

// No update(): main.js then mounts the screen afresh for another node's address, its buttons and list with it.

export function unmount() {
  if (!view) return;
  view.offs.forEach((off) => off());
  view.session++;
  view = null;
}

async function loadNode(current) {
  try {
    const nodes = await fetchAll("/api/nodes");
    if (current !== view) return;
    const node = nodes.items.find((n) => n.id === current.node);
    if (!node) {
      // Said without asking for its commands: the hub would answer 404, which is all this sentence says.
      text(current.state, "Ce boîtier est inconnu du hub, ou d'un autre lieu que le vôtre.");
      current.empty.hidden = true;
      return;
    }
    current.known = true;
    const commands = loadCommands(current);
    text(current.state, "");
    current.state.append(
      "Lieu : ", h("a", { href: href("lieu", node.site), text: node.site }),
      " · état : " + (NODE_STATE_WORDS[node.state] || node.state) + (node.silent ? " (silencieux)" : ""));
    if (!current.acts) {
      await commands;
      return;
    }
    if (current.admin) {
      const devices = await fetchAll("/api/devices?" + new URLSearchParams({ node: current.node }));
      if (current !== view) return;
      current.doors = devices.items.filter((d) => d.kind === "door");
    }
    drawActions(current);
    await commands;
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) text(current.problem, "Le boîtier n'a pas pu être lu : "
      + error.message);
  }
}

/** One button per command; its confirmation opens below it and takes the keyboard. */
function drawActions(current) {
  const path = "/api/nodes/" + encodeURIComponent(current.node);
  const buttons = ACTIONS.map((action) => confirmed(action.button, action.ask,
    "Confirmer : " + action.button.toLowerCase(), null,
    () => send(current, action.name, path + "/commands", { name: action.name })));
  const doors = current.doors.map((door) => {
    const name = door.name || door.id;
    return confirmed("Ouvrir la porte une fois" + (current.doors.length > 1 ? " (" + name + ")" : ""),
      "La porte « " + name + " » s'ouvre une fois, à distance, dans les 30 secondes. Pour confirmer, tapez "
        + DOOR_WORD + " ci-dessous.", "Ouvrir la porte", door.id,
      () => send(current, "open-door", path + "/devices/" + encodeURIComponent(door.id) + "/open-door",
        { confirm: true }));
  });
  current.actions.replaceChildren(h("h3", { text: "Envoyer une commande" }), ...buttons, ...doors);
  current.actions.hidden = false;
}

function confirmed(label, ask, confirmLabel, door, go) {
  const id = "confirm-" + (door ? "door-" + door : label.replace(/[^a-z]/gi, "").slice(0, 24));
  const open = h("button", { type: "button", class: "command " + (door ? "open-door" : "send"), text: label });
  const question = h("p", { class: "confirm-question", id: id + "-question", text: ask });
  const typed = door ? h("input", { id: id + "-word", class: "door-word", autocomplete: "off",
    "aria-describedby": id + "-question" }) : null;
  const problem = h("p", { class: "field-error", hidden: true });
  const yes = h("button", { type: "submit", class: "confirm", text: confirmLabel });
  const no = h("button", { type: "button", class: "cancel", text: "Annuler" });
  const form = h("form", { class: "command-confirm", hidden: true, novalidate: true,
    "aria-labelledby": id + "-question" },
    question, typed ? h("label", { for: typed.id, text: "Tapez " + DOOR_WORD }) : null, typed, problem,
    h("div", { class: "form-buttons" }, yes, no));
  open.addEventListener("click", () => {
    form.hidden = false;
    problem.hidden = true;
    if (typed) {
      typed.value = "";
      typed.focus();
    } else {
      yes.focus();
    }
  });
  no.addEventListener("click", () => {
    form.hidden = true;
    open.focus();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (typed && typed.value.trim().toUpperCase() !== DOOR_WORD) {
      text(problem, "Tapez " + DOOR_WORD + " pour ouvrir la porte ; rien n'a été envoyé.");
      problem.hidden = false;
      typed.setAttribute("aria-invalid", "true");
      typed.focus();
      return;
    }
    if (form.dataset.busy === "true") return; // a double tap sends one command
    form.dataset.busy = "true";
    try {
      if (await go()) {
        form.hidden = true;
        open.focus();
      }
    } finally {
      delete form.dataset.busy;
    }
  });
  return h("div", { class: "command-block" }, open, form);
}

function say(current, words) {
  // Emptied first: the same sentence twice in a row is announced twice.
  current.notice.textContent = "";
  current.notice.textContent = words;
}

function refusal(status, reason) {
  if (status === 403) return "Votre compte ne permet pas d'envoyer cette commande.";
  if (status === 404) return "Le hub ne connaît pas ce boîtier ou cet équipement.";
  if (status === 503) return "Le hub n'est pas relié au serveur de messages : rien n'a été envoyé, réessayez.";
  return "Le hub a refusé (erreur " + status + ")" + (reason ? " : " + reason : "") + ".";
}

async function send(current, name, path, body) {
  try {
    const response = await api(path, "POST", body);
    if (current !== view) return false;
    if (!response.ok) {
      let reason = null;
      try {
        reason = (await response.json()).error || null;
      } catch (notJson) {
        // The status says enough.
      }
      say(current, refusal(response.status, reason));
      return false;
    }
    const command = await response.json();
    say(current, (NAMES[name] || name) + " demandé : suivez son état ci-dessous.");
    changed(command);
    return true;
  } catch (error) {
    if (!(error instanceof LoggedOut) && current === view) say(current, "Le hub ne répond pas : " + error.message);
    return false;
  }
}

async function loadCommands(current) {
  const mine = ++current.session;
  try {
    const answer = await fetchAll("/api/nodes/" + encodeURIComponent(current.node) + "/commands?limit=100");
    if (current !== view || mine !== current.session) return;
    for (const command of answer.items) keep(current, command);
    current.complete = answer.complete;
    draw(current);
  } catch (error) {
    if (error instanceof LoggedOut || current !== view) return;
    text(current.problem, error.status === 404 ? "Ce boîtier est inconnu du hub, ou d'un autre lieu que le vôtre."
      : "Les commandes n'ont pas pu être lues : " + error.message);
  }
}

/** A newer state never gives way to an older one (a list read before a live event arrives after it). */
function keep(current, command) {
  const old = current.commands.get(command.id);
  if (old && FINAL.has(old.status) && !FINAL.has(command.status)) return;
  current.commands.set(command.id, command);
}

function changed(command) {
  keep(view, command);
  draw(view);
}

/** After a `reset` (events were lost): each command still moving is read again, then the list. */
async function reread() {
  const current = view;
  if (!current.known) return;
  const moving = [...current.commands.values()].filter((c) => !FINAL.has(c.status));
  for (const command of moving) {
    try {
      const fresh = await getJson("/api/commands/" + encodeURIComponent(command.id));
      if (current !== view) return;
      current.commands.set(fresh.id, fresh);
    } catch (error) {
      if (error instanceof LoggedOut) return;
    }
  }
  if (current === view) draw(current);
  loadCommands(current);
}

/** The failure's reason in French when it is one the agent or the hub says often; else as it came. */
export function reasonWords(reason) {
  if (!reason) return "";
  if (reason.startsWith("no program is configured")) return "commande non configurée sur ce boîtier (" + reason + ")";
  if (reason.startsWith("no final reply")) return "pas de réponse du boîtier avant l'échéance";
  return reason;
}

function draw(current) {
  const items = [...current.commands.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)
    || a.id.localeCompare(b.id));
  text(current.count, plural(items.length, "commande", "commandes") + (current.complete === false
    ? " (liste incomplète : les plus anciennes ne sont pas montrées)" : "") + ".");
  current.empty.hidden = items.length > 0;
  keyed(current.list, items, (c) => c.id, createRow, updateRow);
}

function createRow() {
  return h("li", { class: "command-item" },
    h("div", { class: "command-head" }, h("strong", { class: "command-name" }), h("span", { class: "command-status" })),
    h("p", { class: "command-when" }), h("p", { class: "command-reason" }));
}

function updateRow(row, command) {
  row.className = "command-item status-" + command.status;
  text(row.querySelector(".command-name"), (NAMES[command.name] || command.name)
    + (command.name === "open-door" && command.args && command.args.device ? " « " + command.args.device + " »" : ""));
  text(row.querySelector(".command-status"), STATUS_WORDS[command.status] || command.status);
  const times = ["demandée le " + dateAndTime(command.createdAt)];
  if (command.sentAt) times.push("envoyée le " + dateAndTime(command.sentAt));
  if (command.deliveredAt) times.push("reçue le " + dateAndTime(command.deliveredAt));
  if (command.finishedAt) times.push("terminée le " + dateAndTime(command.finishedAt));
  text(row.querySelector(".command-when"), times.join(" · "));
  const reason = command.status === "failed" || command.status === "timed-out" ? reasonWords(command.reason) : "";
  text(row.querySelector(".command-reason"), reason ? "Raison : " + reason : "");
}
