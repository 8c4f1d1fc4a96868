// The "Présences" tab (who is in now, presence per day or month with its CSV for the funders' reports) and
// the "Passages" tab (the doors' latest decisions in plain words, newest first with "Voir plus", and for an
// admin only, opening a door from afar, confirmed first).
import { confirmAction } from "../lib/confirm.js";
import { h, keyed, text } from "../lib/dom.js";
import { pages, page } from "./pages.js";
import { cwPath, field, fillSelect, frDateTime, frTime, isoDate, listAll, refusal, send } from "./coworking-common.js";

const REASON_LABELS = {
  staff: "Personnel", maintenance: "Maintenance", hours: "Dans ses horaires", booking: "Réservation",
  "pack-day": "Jour de carnet", remote: "Ouverture à distance",
  unknown: "Badge inconnu", revoked: "Révoqué", suspended: "Suspendu", "not-yet-valid": "Pas encore valable",
  expired: "Badge expiré", "wrong-door": "Pas autorisé à cette porte", "outside-hours": "Hors horaires",
  "no-booking": "Pas de réservation", "no-days-left": "Carnet épuisé", "list-too-old": "Liste trop ancienne",
  "no-list": "Pas de liste sur la porte", unreported: "Raison non transmise",
};
const DIRECTION_LABELS = { entry: "entrée", exit: "sortie" };
/** The columns of the presence table the hub may send, in the order and words a manager reads. */
const PRESENCE_COLUMNS = [["day", "Jour"], ["month", "Mois"], ["period", "Période"], ["name", "Membre"],
  ["organisation", "Entreprise"], ["visits", "Passages"], ["entries", "Entrées"], ["days", "Jours"],
  ["minutes", "Temps passé"], ["hours", "Heures"], ["members", "Membres"]];
const LOG_PAGE = 100;

/** 95 -> "1 h 35", 20 -> "20 min". */
function duration(minutes) {
  if (minutes < 60) return minutes + " min";
  return Math.floor(minutes / 60) + " h " + String(minutes % 60).padStart(2, "0");
}

function presenceCell(key, value) {
  if (value === null || value === undefined) return "";
  // The hub says the period as 2026-12-05 (by day) or 2026-12 (by month).
  if (key === "period" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return presenceCell("day", value);
  if (key === "period" && /^\d{4}-\d{2}$/.test(value)) return presenceCell("month", value);
  if (key === "minutes") return duration(Number(value));
  if (key === "day") return new Date(value + "T12:00").toLocaleDateString("fr-FR",
    { weekday: "short", day: "numeric", month: "short" });
  if (key === "month") return new Date(value + "-15T12:00").toLocaleDateString("fr-FR", { month: "long", year: "numeric" });
  return String(value);
}

export function createPresence(cw) {
  const present = h("ul", { id: "cw-present", class: "cw-list", "aria-labelledby": "cw-present-title" });
  const now = new Date();
  const group = h("select", { onchange: () => cw.refresh() }, h("option", { value: "day", text: "jour" }),
    h("option", { value: "month", text: "mois" }));
  const from = h("input", { type: "date", value: isoDate(new Date(now.getFullYear(), now.getMonth(), 1)),
    onchange: () => cw.refresh() });
  const to = h("input", { type: "date", value: isoDate(now), onchange: () => cw.refresh() });
  const csv = h("a", { id: "cw-p-csv", class: "button", href: "#", text: "Télécharger (CSV)" });
  const table = h("div", { id: "cw-presence-table", class: "cw-table-wrap" });
  const panel = h("div", {}, h("h3", { id: "cw-present-title", text: "Présents maintenant" }), present,
    h("h3", { text: "Présences par période" }),
    h("div", { class: "cw-fields" }, h("div", {}, ...field("cw-p-group", "Regrouper par", group)),
      h("div", {}, ...field("cw-p-from", "Du", from)), h("div", {}, ...field("cw-p-to", "Au", to)),
      h("div", { class: "cw-csv" }, csv)),
    table);

  function query() {
    const params = { group: group.value };
    // Local midnights: "du 1er au 5" means the whole of the 5th too.
    if (from.value) params.from = new Date(from.value + "T00:00").toISOString();
    if (to.value) {
      const end = new Date(to.value + "T00:00");
      end.setDate(end.getDate() + 1);
      params.to = end.toISOString();
    }
    return params;
  }

  async function draw() {
    const mine = cw.session;
    const params = query();
    csv.href = cwPath(cw.site, "/api/coworking/presence.csv", params);
    const [people, rows] = await Promise.all([listAll(cw.site, "/api/coworking/presence/now"),
      listAll(cw.site, "/api/coworking/presence", params)]);
    if (mine !== cw.session) return;
    const shown = people.length ? people : [{ nobody: true }];
    keyed(present, shown, (p) => (p.nobody ? "" : p.memberId + "|" + p.since), (p) => (p.nobody
      ? h("li", { class: "empty", text: "Personne pour l'instant." })
      : h("li", { class: "cw-item present" }, h("strong"), h("span", { class: "detail" }))), (item, p) => {
      if (p.nobody) return;
      text(item.children[0], p.name || cw.memberName(p.memberId));
      text(item.children[1], "arrivé(e) à " + frTime(p.since) + (p.door ? " par " + cw.deviceName(p.door) : ""));
    });
    drawTable(rows);
  }

  function drawTable(rows) {
    if (!rows.length) {
      table.replaceChildren(h("p", { class: "empty", text: "Aucune présence sur cette période." }));
      return;
    }
    const columns = PRESENCE_COLUMNS.filter(([key]) => rows.some((r) => r[key] !== undefined && r[key] !== null));
    const byMonth = group.value === "month";
    table.replaceChildren(h("table", {},
      h("thead", {}, h("tr", {}, ...columns.map(([key, label]) => h("th", { scope: "col",
        text: key === "period" ? (byMonth ? "Mois" : "Jour") : label })))),
      h("tbody", {}, ...rows.map((row) => h("tr", {},
        ...columns.map(([key]) => h("td", { text: presenceCell(key, row[key]) })))))));
  }

  return { panel, draw, reset() { present.replaceChildren(); table.replaceChildren(); } };
}

export function createLog(cw) {
  const state = { pages: 1, next: null };
  const door = h("select");
  const open = h("button", { type: "button", id: "cw-r-open", class: "danger", text: "Ouvrir la porte à distance",
    disabled: true, onclick: () => openDoor() });
  const remote = h("div", { id: "cw-remote", class: "cw-form", hidden: cw.me.role !== "admin" },
    h("h3", { text: "Ouvrir la porte à distance" }), ...field("cw-r-door", "Porte", door),
    h("div", { class: "actions" }, open));
  const list = h("ul", { id: "cw-log-list", class: "cw-list", "aria-labelledby": "cw-log-title" });
  const more = h("button", { type: "button", class: "more", hidden: true, text: "Voir plus",
    onclick: () => showMore() });
  const panel = h("div", {}, remote, h("h3", { id: "cw-log-title", text: "Derniers passages" }), list, more);

  const path = () => cwPath(cw.site, "/api/coworking/access-log", { limit: LOG_PAGE });

  async function draw() {
    fillSelect(door, cw.devices.filter((d) => d.kind === "door").map((d) => [d.node + "/" + d.id, d.name || d.id]));
    open.disabled = !door.value;
    const mine = cw.session;
    const answer = await pages(path(), state.pages);
    if (mine !== cw.session) return;
    state.next = answer.next;
    drawEntries(answer.items);
  }

  function drawEntries(entries) {
    more.hidden = !state.next;
    const shown = entries.length ? entries : [{ none: true }];
    keyed(list, shown, (e) => (e.none ? "" : e.id), (e) => (e.none
      ? h("li", { class: "empty", text: "Aucun passage enregistré." })
      : h("li", {}, h("span"), h("strong"), h("span", { class: "detail" }))), (item, entry) => {
      if (entry.none) return;
      item.entry = entry;
      const granted = entry.decision === "granted";
      item.className = "cw-item log " + (granted ? "granted" : "denied");
      const [status, who, detail] = item.children;
      status.className = "status " + (granted ? "active" : "revoked");
      text(status, granted ? "Ouvert" : "Refusé");
      text(who, entry.name || (entry.memberId ? cw.memberName(entry.memberId)
        : entry.reason === "remote" ? "À distance" : "Badge non attribué"));
      text(detail, frDateTime(entry.at) + " · " + (REASON_LABELS[entry.reason] || entry.reason)
        + (entry.door ? " · " + cw.deviceName(entry.door) : "")
        + (entry.direction ? " (" + (DIRECTION_LABELS[entry.direction] || entry.direction) + ")" : ""));
    });
  }

  async function showMore() {
    if (!state.next) return;
    try {
      const mine = cw.session;
      const answer = await page(state.next);
      if (mine !== cw.session) return;
      state.pages++;
      state.next = answer.next;
      const seen = [...list.children].map((li) => li.entry).filter(Boolean);
      drawEntries([...seen, ...answer.items.filter((e) => !seen.some((s) => s.id === e.id))]);
    } catch (error) {
      cw.failed(error);
    }
  }

  /** Why the door did not get the order, in the words of the person waiting in front of it. */
  function doorRefusal(result) {
    if (result.status === 404) return "Le hub ne connaît pas cette porte, ou ne sait pas encore l'ouvrir à distance.";
    if (result.status === 503) return "Le hub ne joint pas le boîtier de la porte en ce moment : réessayez dans un instant.";
    return refusal(result);
  }

  async function openDoor() {
    if (!door.value) return;
    const [node, device] = door.value.split("/");
    const name = door.options[door.selectedIndex].text;
    if (!(await confirmAction("Ouvrir « " + name + " » maintenant ? La porte se déverrouille quelques secondes :"
      + " assurez-vous que quelqu'un attend devant.", "Ouvrir la porte"))) return;
    try {
      const result = await send("POST", "/api/nodes/" + encodeURIComponent(node) + "/devices/"
        + encodeURIComponent(device) + "/open-door", { confirm: true });
      cw.notice(result.ok ? "Ordre d'ouverture envoyé à « " + name + " »." : doorRefusal(result), !result.ok);
    } catch (error) {
      cw.failed(error);
    }
  }

  return { panel, draw, reset() { state.pages = 1; list.replaceChildren(); } };
}
