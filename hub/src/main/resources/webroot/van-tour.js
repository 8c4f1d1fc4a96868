// The page "Tournée du bus": the van's next visits, its exceptions (a visit cancelled, moved or
// added, a day without tour) and its regular stops, for the van's agents; and the link to the
// public calendar feed. Navigation and login are place-hours.js's. Uses api(), element() of
// dashboard.js and cwSend(), cwRefusal(), fillSelect(), confirmAction() of coworking.js.
"use strict";

const VISIT_STATUS_LABELS = { planned: "Prévu", added: "Passage ajouté", moved: "Passage déplacé",
  cancelled: "Annulé" };
const EXCEPTION_LABELS = { cancelled: "Passage annulé", moved: "Passage déplacé", added: "Passage ajouté",
  closed: "Pas de tournée" };
const ORDINAL_LABELS = { 1: "1er", 2: "2e", 3: "3e", 4: "4e", "-1": "dernier" };

const vt = {
  communes: [],
  visits: [],
  stops: [],
};

function communeName(id) {
  const commune = vt.communes.find((c) => c.id === id);
  return commune ? commune.name : id;
}

/** The list of a {items} answer, or a refusal thrown with its status. */
async function tourList(path) {
  const response = await api(path);
  if (!response.ok) throw new Error(path + " : HTTP " + response.status);
  return response.json();
}

async function refreshTour() {
  if (!ph.me) return;
  const mine = ph.session;
  try {
    const [communes, visits, stops, exceptions] = await Promise.all([tourList("/api/van/communes"),
      tourList("/api/van/visits?limit=60"), tourList("/api/van/stops"), tourList("/api/van/exceptions")]);
    if (mine !== ph.session) return;
    vt.communes = communes.items.filter((c) => c.vanServed);
    vt.visits = visits.items;
    vt.stops = stops.items;
    document.getElementById("vt-example").hidden = !communes.example;
    const communeOptions = vt.communes.map((c) => [c.id, c.name]);
    fillSelect(document.getElementById("vt-x-commune"), communeOptions, "Choisir une commune");
    fillSelect(document.getElementById("vt-s-commune"), communeOptions, "Choisir une commune");
    fillSelect(document.getElementById("vt-x-visit"), vt.visits.filter((v) => v.stop && v.status === "planned")
      .map((v) => [v.stop + "|" + v.start.substring(0, 10), visitLabel(v)]), "Choisir un passage");
    drawVisits();
    drawTourExceptions(exceptions.items);
    drawStops();
  } catch (error) {
    if (!(error instanceof LoggedOut)) tourNotice("vt-notice", "Le hub ne répond pas : " + error.message, true);
  }
}

function visitLabel(visit) {
  return visit.communeName + " — " + placeDay(visit.start) + ", " + placeTime(visit.start) + " – "
    + placeTime(visit.end);
}

function drawVisits() {
  const list = document.getElementById("vt-visits");
  list.replaceChildren(...vt.visits.map((visit) => {
    const row = element("li", "cw-item visit " + visit.status);
    row.append(element("strong", null, visit.communeName));
    row.append(element("span", null, " · " + placeDay(visit.start) + ", " + placeTime(visit.start) + " – "
      + placeTime(visit.end) + " · " + visit.place));
    if (visit.status !== "planned") {
      row.append(element("span", "status", " · " + VISIT_STATUS_LABELS[visit.status]
        + (visit.note ? " : " + visit.note : "")));
    }
    return row;
  }));
  if (!vt.visits.length) list.append(element("li", "empty", "Aucun passage prévu dans les deux mois."));
}

function drawTourExceptions(exceptions) {
  const list = document.getElementById("vt-exceptions");
  list.replaceChildren(...exceptions.map((e) => {
    const row = element("li", "cw-item exception " + e.kind);
    const stop = vt.stops.find((s) => s.id === e.stop);
    const where = e.kind === "added" ? communeName(e.commune) : stop ? stop.communeName : "";
    let text = EXCEPTION_LABELS[e.kind] + " · " + placeDay(e.date) + (where ? " · " + where : "");
    if (e.kind === "moved") {
      text += " → " + placeDay(e.toDate || e.date) + (e.start ? ", " + e.start + " – " + e.end : "")
        + (e.place ? ", " + e.place : "");
    }
    if (e.kind === "added") text += ", " + e.start + " – " + e.end + ", " + e.place;
    if (e.reason) text += " (" + e.reason + ")";
    row.append(element("span", null, text));
    const remove = element("button", "remove", "Supprimer");
    remove.type = "button";
    remove.addEventListener("click", () => deleteTourException(e, text));
    row.append(remove);
    return row;
  }));
  if (!exceptions.length) list.append(element("li", "empty", "Aucune exception."));
}

function drawStops() {
  const list = document.getElementById("vt-stops");
  list.replaceChildren(...vt.stops.map((stop) => {
    const row = element("li", "cw-item stop");
    row.append(element("strong", null, stop.communeName));
    row.append(element("span", null, " · le " + ORDINAL_LABELS[stop.ordinal] + " " + DAY_LABELS[stop.weekday]
      .toLowerCase() + " du mois, " + stop.start + " – " + stop.end + " · " + stop.place));
    const remove = element("button", "remove", "Supprimer");
    remove.type = "button";
    remove.addEventListener("click", () => deleteStop(stop));
    row.append(remove);
    return row;
  }));
}

/** Shows the fields the chosen kind of exception needs. */
function exceptionKindChanged() {
  const kind = document.getElementById("vt-x-kind").value;
  document.getElementById("vt-x-visit-field").hidden = !(kind === "cancelled" || kind === "moved");
  document.getElementById("vt-x-commune-field").hidden = kind !== "added";
  document.getElementById("vt-x-date-field").hidden = kind === "cancelled";
  document.getElementById("vt-x-date-label").textContent = kind === "moved" ? "Nouveau jour" : "Jour";
  document.getElementById("vt-x-hours").hidden = !(kind === "moved" || kind === "added");
  document.getElementById("vt-x-place-field").hidden = !(kind === "moved" || kind === "added");
  fieldError("vt-exception-error", "");
}

async function addTourException(event) {
  event.preventDefault();
  const value = (id) => document.getElementById(id).value.trim();
  const kind = value("vt-x-kind");
  const body = { kind };
  const problem = (text, field) => {
    fieldError("vt-exception-error", text);
    if (field) document.getElementById(field).setAttribute("aria-invalid", "true");
  };
  document.querySelectorAll("#vt-exception-form [aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
  if (kind === "cancelled" || kind === "moved") {
    if (!value("vt-x-visit")) return problem("Choisissez le passage.", "vt-x-visit");
    [body.stop, body.date] = value("vt-x-visit").split("|");
  }
  if (kind === "added") {
    if (!value("vt-x-commune")) return problem("Choisissez la commune.", "vt-x-commune");
    body.commune = value("vt-x-commune");
  }
  if (kind === "added" || kind === "closed") {
    if (!value("vt-x-date")) return problem("Choisissez le jour.", "vt-x-date");
    body.date = value("vt-x-date");
  }
  if (kind === "moved" && value("vt-x-date")) body.toDate = value("vt-x-date");
  if (kind === "moved" || kind === "added") {
    if (value("vt-x-start") || value("vt-x-end") || kind === "added") {
      if (!value("vt-x-start") || !value("vt-x-end") || value("vt-x-start") >= value("vt-x-end")) {
        return problem("Donnez l'heure d'arrivée puis l'heure de départ du bus.", "vt-x-start");
      }
      body.start = value("vt-x-start");
      body.end = value("vt-x-end");
    }
    if (value("vt-x-place")) body.place = value("vt-x-place");
    if (kind === "added" && !body.place) return problem("Indiquez où le bus stationne.", "vt-x-place");
    if (kind === "moved" && !body.toDate && !body.start && !body.place) {
      return problem("Indiquez le nouveau jour, les nouvelles heures ou le nouveau lieu.", "vt-x-date");
    }
  }
  if (value("vt-x-reason")) body.reason = value("vt-x-reason");
  const result = await cwSend("POST", "/api/van/exceptions", body);
  if (!result.ok) {
    problem(result.status === 409 ? "Ce passage a déjà une exception : supprimez-la d'abord." : cwRefusal(result));
    return;
  }
  fieldError("vt-exception-error", "");
  document.getElementById("vt-x-reason").value = "";
  tourNotice("vt-notice", EXCEPTION_LABELS[kind] + " : enregistré. Les bornes seront mises à jour.", false);
  refreshTour();
}

async function addStop(event) {
  event.preventDefault();
  const value = (id) => document.getElementById(id).value.trim();
  if (!value("vt-s-commune")) return fieldError("vt-stop-error", "Choisissez la commune.");
  if (!value("vt-s-place")) return fieldError("vt-stop-error", "Indiquez où le bus stationne.");
  if (!value("vt-s-start") || !value("vt-s-end") || value("vt-s-start") >= value("vt-s-end")) {
    return fieldError("vt-stop-error", "Donnez l'heure d'arrivée puis l'heure de départ du bus.");
  }
  const result = await cwSend("POST", "/api/van/stops", { commune: value("vt-s-commune"), place: value("vt-s-place"),
    weekday: value("vt-s-weekday"), ordinal: Number(value("vt-s-ordinal")), start: value("vt-s-start"),
    end: value("vt-s-end") });
  if (!result.ok) return fieldError("vt-stop-error", cwRefusal(result));
  fieldError("vt-stop-error", "");
  document.getElementById("vt-s-place").value = "";
  tourNotice("vt-notice", "Arrêt ajouté : " + result.body.communeName + ".", false);
  refreshTour();
}

async function deleteStop(stop) {
  if (!(await confirmAction("Supprimer l'arrêt de " + stop.communeName + " et ses exceptions ?", "Supprimer"))) return;
  const result = await cwSend("DELETE", "/api/van/stops/" + encodeURIComponent(stop.id));
  tourNotice("vt-notice", result.ok ? "Arrêt supprimé." : cwRefusal(result), !result.ok);
  refreshTour();
}

async function deleteTourException(exception, text) {
  if (!(await confirmAction("Supprimer l'exception « " + text + " » ?", "Supprimer"))) return;
  const result = await cwSend("DELETE", "/api/van/exceptions/" + encodeURIComponent(exception.id));
  tourNotice("vt-notice", result.ok ? "Exception supprimée." : cwRefusal(result), !result.ok);
  refreshTour();
}

function startTour() {
  const weekdays = document.getElementById("vt-s-weekday");
  for (const [value, label] of Object.entries(DAY_LABELS)) weekdays.append(new Option(label.toLowerCase(), value));
  weekdays.value = "TUESDAY";
  document.getElementById("vt-x-kind").addEventListener("change", exceptionKindChanged);
  document.getElementById("vt-exception-form").addEventListener("submit", addTourException);
  document.getElementById("vt-stop-form").addEventListener("submit", addStop);
  exceptionKindChanged();
}
