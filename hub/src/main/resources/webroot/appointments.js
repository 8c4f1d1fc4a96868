// The "Rendez-vous" page of the people who run a place: the day's appointments (booked slots with
// the first name and the code, free ones), a day cut in slots, a booking cancelled, a free slot
// removed. Uses what workshops.js shares (placePages, placeSend, placeRefusal, parisTime).
"use strict";

function apSite() {
  return document.getElementById("ap-site").value;
}

function apDay() {
  const field = document.getElementById("ap-day");
  if (!field.value) field.value = isoDate(new Date());
  return field.value;
}

async function drawAppointments() {
  const mine = placePages.session;
  const site = apSite();
  if (!site) return;
  const day = apDay();
  const answer = await placeGet("/api/appointments?" + new URLSearchParams({ site, day }));
  if (mine !== placePages.session) return;
  const list = document.getElementById("ap-list");
  const signature = JSON.stringify([site, day, answer.items]);
  if (list.dataset.drawn === signature) return;
  list.dataset.drawn = signature;
  const booked = answer.items.filter((slot) => !slot.free).length;
  document.getElementById("ap-summary").textContent = answer.items.length
    ? booked + " rendez-vous, " + (answer.items.length - booked) + " créneau" + (answer.items.length - booked > 1 ? "x" : "")
      + " libre" + (answer.items.length - booked > 1 ? "s" : "")
    : "Aucun créneau ce jour-là.";
  list.replaceChildren(...answer.items.map(slotItem));
}

function slotItem(slot) {
  const item = element("li", "cw-item slot " + (slot.free ? "free" : "booked"));
  const time = (iso) => new Date(iso).toLocaleTimeString("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit",
    minute: "2-digit" });
  item.append(element("strong", null, time(slot.start) + " – " + time(slot.end) + " · "
    + (slot.free ? "Libre" : slot.booking.firstName)));
  item.append(element("span", "detail", (slot.with === "van" ? "Bus France Services, " : "") + slot.place
    + (slot.free ? "" : " · code " + slot.booking.code + (slot.booking.source === "kiosk" ? " · pris à la borne" : ""))));
  const button = element("button", "quiet-danger", slot.free ? "Supprimer le créneau" : "Annuler le rendez-vous");
  button.type = "button";
  button.addEventListener("click", async () => {
    const question = slot.free ? "Supprimer le créneau de " + time(slot.start) + " ?"
      : "Annuler le rendez-vous de " + slot.booking.firstName + " à " + time(slot.start) + " ?";
    if (!(await confirmAction(question, slot.free ? "Supprimer" : "Annuler le rendez-vous"))) return;
    const result = slot.free ? await placeSend("DELETE", "/api/appointments/slots/" + encodeURIComponent(slot.id))
      : await placeSend("DELETE", "/api/appointments/bookings/" + encodeURIComponent(slot.booking.code));
    placeNotice("ap-notice", result.ok ? (slot.free ? "Créneau supprimé." : "Rendez-vous de "
      + slot.booking.firstName + " annulé : le créneau est libre.") : placeRefusal(result), !result.ok);
    await refreshPlacePage();
  });
  item.append(button);
  return item;
}

async function createSlots(event) {
  event.preventDefault();
  const value = (id) => document.getElementById(id).value.trim();
  const error = document.getElementById("ap-form-error");
  const missing = [["ap-f-day", "le jour"], ["ap-f-from", "l'heure de début"], ["ap-f-to", "l'heure de fin"],
    ["ap-f-minutes", "la durée d'un rendez-vous"], ["ap-f-place", "le lieu du rendez-vous"]].find(([id]) => !value(id));
  if (missing) {
    error.textContent = "Indiquez " + missing[1] + ".";
    error.hidden = false;
    document.getElementById(missing[0]).focus();
    return;
  }
  const body = { site: apSite(), day: value("ap-f-day"), from: value("ap-f-from"), to: value("ap-f-to"),
    minutes: Number(value("ap-f-minutes")), with: value("ap-f-with"), place: value("ap-f-place") };
  if (value("ap-f-commune")) body.commune = value("ap-f-commune");
  const result = await placeSend("POST", "/api/appointments/slots", body);
  if (!result.ok) {
    error.textContent = placeRefusal(result);
    error.hidden = false;
    return;
  }
  error.hidden = true;
  placeNotice("ap-notice", result.body.items.length + " créneaux créés le "
    + new Date(body.day + "T12:00:00").toLocaleDateString("fr-FR", { weekday: "long", day: "numeric", month: "long" })
    + ".", false);
  document.getElementById("ap-day").value = body.day;
  await refreshPlacePage();
}

function startAppointments() {
  placePage("#rendez-vous", "appointments", drawAppointments);
  document.getElementById("ap-site").addEventListener("change", refreshPlacePage);
  document.getElementById("ap-day").addEventListener("change", refreshPlacePage);
  document.getElementById("ap-form").addEventListener("submit", createSlots);
}
