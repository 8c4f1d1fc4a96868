// Who is in now, presence per day or month (with its CSV for the funders' reports), the doors'
// latest decisions in plain words, and, for an admin only, opening a door from afar.
"use strict";

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

function presenceQuery() {
  const from = document.getElementById("cw-p-from").value;
  const to = document.getElementById("cw-p-to").value;
  const params = { group: document.getElementById("cw-p-group").value };
  // Local midnights: "du 1er au 5" means the whole of the 5th too.
  if (from) params.from = new Date(from + "T00:00").toISOString();
  if (to) {
    const end = new Date(to + "T00:00");
    end.setDate(end.getDate() + 1);
    params.to = end.toISOString();
  }
  return params;
}

async function drawPresence() {
  const mine = cw.session;
  const params = presenceQuery();
  document.getElementById("cw-p-csv").href = cwPath("/api/coworking/presence.csv", params);
  const [present, rows] = await Promise.all([cwList("/api/coworking/presence/now"),
    cwList("/api/coworking/presence", params)]);
  if (mine !== cw.session) return;
  const list = document.getElementById("cw-present");
  if (!present.length) {
    list.replaceChildren(element("li", "empty", "Personne pour l'instant."));
  } else {
    list.replaceChildren(...present.map((person) => {
      const item = element("li", "cw-item present");
      item.append(element("strong", null, person.name || memberName(person.memberId)));
      item.append(element("span", "detail", "arrivé(e) à " + frTime(person.since)
        + (person.door ? " par " + deviceName(person.door) : "")));
      return item;
    }));
  }
  drawPresenceTable(rows);
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

/** 95 -> "1 h 35", 20 -> "20 min". */
function duration(minutes) {
  if (minutes < 60) return minutes + " min";
  return Math.floor(minutes / 60) + " h " + String(minutes % 60).padStart(2, "0");
}

function drawPresenceTable(rows) {
  const holder = document.getElementById("cw-presence-table");
  if (!rows.length) {
    holder.replaceChildren(element("p", "empty", "Aucune présence sur cette période."));
    return;
  }
  const columns = PRESENCE_COLUMNS.filter(([key]) => rows.some((r) => r[key] !== undefined && r[key] !== null));
  const table = element("table");
  const head = element("tr");
  const byMonth = document.getElementById("cw-p-group").value === "month";
  columns.forEach(([key, label]) => head.append(element("th", null,
    key === "period" ? (byMonth ? "Mois" : "Jour") : label)));
  table.append(element("thead"));
  table.tHead.append(head);
  const body = element("tbody");
  for (const row of rows) {
    const line = element("tr");
    columns.forEach(([key]) => line.append(element("td", null, presenceCell(key, row[key]))));
    body.append(line);
  }
  table.append(body);
  holder.replaceChildren(table);
}

async function drawLog() {
  const mine = cw.session;
  const entries = await cwList("/api/coworking/access-log", { limit: 100 });
  if (mine !== cw.session) return;
  fillSelect(document.getElementById("cw-r-door"), cw.devices.filter((d) => d.kind === "door")
    .map((d) => [d.node + "/" + d.id, d.name || d.id]));
  document.getElementById("cw-r-open").disabled = !document.getElementById("cw-r-door").value;
  const list = document.getElementById("cw-log-list");
  if (!entries.length) {
    list.replaceChildren(element("li", "empty", "Aucun passage enregistré."));
    return;
  }
  list.replaceChildren(...entries.map((entry) => {
    const granted = entry.decision === "granted";
    const item = element("li", "cw-item log " + (granted ? "granted" : "denied"));
    item.append(element("span", "status " + (granted ? "active" : "revoked"), granted ? "Ouvert" : "Refusé"));
    item.append(element("strong", null, entry.name || (entry.memberId ? memberName(entry.memberId)
      : entry.reason === "remote" ? "À distance" : "Badge non attribué")));
    item.append(element("span", "detail", frDateTime(entry.at) + " · " + (REASON_LABELS[entry.reason] || entry.reason)
      + (entry.door ? " · " + deviceName(entry.door) : "")
      + (entry.direction ? " (" + (DIRECTION_LABELS[entry.direction] || entry.direction) + ")" : "")));
    return item;
  }));
}

/** Why the door did not get the order, in the words of the person waiting in front of it. */
function doorRefusal(result) {
  if (result.status === 404) return "Le hub ne connaît pas cette porte, ou ne sait pas encore l'ouvrir à distance.";
  if (result.status === 503) return "Le hub ne joint pas le boîtier de la porte en ce moment : réessayez dans un instant.";
  return cwRefusal(result);
}

async function openDoorFromAfar() {
  const select = document.getElementById("cw-r-door");
  if (!select.value) return;
  const [node, device] = select.value.split("/");
  const name = select.options[select.selectedIndex].text;
  if (!(await confirmAction("Ouvrir « " + name + " » maintenant ? La porte se déverrouille quelques secondes :"
    + " assurez-vous que quelqu'un attend devant.", "Ouvrir la porte"))) return;
  try {
    const result = await cwSend("POST", "/api/nodes/" + encodeURIComponent(node) + "/devices/"
      + encodeURIComponent(device) + "/open-door", { confirm: true });
    cwNotice(result.ok ? "Ordre d'ouverture envoyé à « " + name + " »." : doorRefusal(result), !result.ok);
  } catch (error) {
    if (!(error instanceof LoggedOut)) cwNotice("Le hub ne répond pas : " + error.message, true);
  }
}

function startPresence() {
  const today = new Date();
  document.getElementById("cw-p-to").value = isoDate(today);
  document.getElementById("cw-p-from").value = isoDate(new Date(today.getFullYear(), today.getMonth(), 1));
  for (const id of ["cw-p-group", "cw-p-from", "cw-p-to"]) {
    document.getElementById(id).addEventListener("change", refreshCoworking);
  }
  document.getElementById("cw-r-open").addEventListener("click", openDoorFromAfar);
}
