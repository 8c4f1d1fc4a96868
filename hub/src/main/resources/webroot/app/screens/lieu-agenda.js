// A place's day: open or closed now and today's hours, workshops, appointments, the van's visits
// (its own for the van, those in the place's commune for a building). Each part says when it is empty.
import { h } from "../lib/dom.js";
import { getJson } from "../lib/http.js";
import { longDay, plural, time, today } from "../lib/format.js";

const DAYS = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"];

function hhmm(value) {
  return String(value).slice(0, 5).replace(":", " h ");
}

function span(start, end) {
  return time(start).replace(":", " h ") + " – " + time(end).replace(":", " h ");
}

/** Today's weekday in Paris, as the hours' "MONDAY"…. */
function weekday() {
  return DAYS[new Date(today() + "T12:00:00Z").getUTCDay()];
}

async function part(label, read) {
  try {
    return [label, await read()];
  } catch (error) {
    return [label, ["Non disponible : " + error.message]];
  }
}

export async function drawAgenda(body, place, stillShown) {
  const site = encodeURIComponent(place.site);
  const day = today();
  const parts = await Promise.all([
    part("Horaires", async () => {
      const hours = await getJson("/api/places/" + site + "/hours");
      const periods = hours.weekly.filter((p) => p.day === weekday()).map((p) => hhmm(p.opens) + " – " + hhmm(p.closes));
      const exception = (hours.exceptions || []).find((e) => e.date === day);
      const now = hours.now.open ? "Ouvert maintenant" + (hours.now.closesAt ? ", ferme à " + time(hours.now.closesAt)
        .replace(":", " h ") : "") : "Fermé maintenant" + (hours.now.opensAt ? ", ouvre "
        + (today(new Date(hours.now.opensAt)) === day ? "à " : longDay(hours.now.opensAt) + " à ")
        + time(hours.now.opensAt).replace(":", " h ") : "");
      return [now + ".", periods.length ? "Aujourd'hui : " + periods.join(", ") + "." : "Pas d'horaires aujourd'hui.",
        exception ? (exception.closed ? "Fermé exceptionnellement aujourd'hui" : "Horaires particuliers aujourd'hui : "
          + hhmm(exception.opens) + " – " + hhmm(exception.closes)) + (exception.label ? " (" + exception.label + ")"
          : "") + "." : null]
        .filter(Boolean);
    }),
    part("Ateliers", async () => {
      const from = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
      const answer = await getJson("/api/workshops?" + new URLSearchParams({ site: place.site, from, limit: 200 }));
      const todays = answer.items.filter((w) => today(new Date(w.start)) === day && w.status !== "cancelled");
      return todays.length ? todays.map((w) => span(w.start, w.end) + " · " + w.title + " · "
        + plural(w.free, "place libre", "places libres") + " sur " + w.seats) : ["Aucun atelier aujourd'hui."];
    }),
    part("Rendez-vous", async () => {
      const answer = await getJson("/api/appointments?" + new URLSearchParams({ site: place.site, day }));
      const booked = answer.items.filter((slot) => !slot.free).length;
      return [answer.items.length ? plural(booked, "rendez-vous pris", "rendez-vous pris") + ", "
        + plural(answer.items.length - booked, "créneau libre", "créneaux libres") + "." : "Aucun créneau aujourd'hui."];
    }),
    part(place.kind === "van" ? "Arrêts du bus" : "Passage du bus", async () => {
      const query = { from: day, to: day, limit: 50 };
      if (place.kind !== "van") {
        if (!place.commune) return ["Commune non renseignée."];
        query.commune = place.commune.id;
      }
      const answer = await getJson("/api/van/visits?" + new URLSearchParams(query));
      const visits = answer.items.filter((v) => v.status !== "cancelled");
      return visits.length ? visits.map((v) => span(v.start, v.end) + " · " + v.communeName + (v.place ? ", "
        + v.place : "")) : ["Pas de passage du bus aujourd'hui."];
    }),
  ]);
  if (!stillShown()) return;
  body.replaceChildren(...parts.map(([label, lines]) => h("div", { class: "agenda-part" },
    h("h4", { text: label }), h("ul", {}, ...lines.map((line) => h("li", { text: line }))))));
}
