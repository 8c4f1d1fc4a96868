// Bookings of the meeting room and the desks, for a day or a week: booking one for a member, a
// clash with another booking said in plain words (the hub answers 409 naming it), cancelling.
"use strict";

const bookingsView = {
  week: false,
  day: new Date(),     // any moment of the day shown (or of the week shown)
  busy: false,
  drawn: "",           // what the list shows, to leave it alone when a refresh brings nothing new
};

/** The local midnight starting the period shown, and the one ending it. */
function bookingPeriod() {
  const start = new Date(bookingsView.day);
  start.setHours(0, 0, 0, 0);
  if (bookingsView.week) start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
  const end = new Date(start);
  end.setDate(end.getDate() + (bookingsView.week ? 7 : 1));
  return [start, end];
}

function describeBooking(booking) {
  return resourceName(booking.resourceId) + ", " + frDay(booking.from) + " de " + frTime(booking.from) + " à "
    + frTime(booking.until) + ", pour " + (booking.memberName || memberName(booking.memberId));
}

async function drawBookings() {
  const [start, end] = bookingPeriod();
  const last = new Date(end.getTime() - 1);
  document.getElementById("cw-book-period").textContent = bookingsView.week
    ? "Semaine du " + start.toLocaleDateString("fr-FR", { day: "numeric", month: "long" }) + " au "
      + last.toLocaleDateString("fr-FR", { day: "numeric", month: "long" })
    : start.toLocaleDateString("fr-FR", { weekday: "long", day: "numeric", month: "long" });
  document.getElementById("cw-book-day").setAttribute("aria-pressed", String(!bookingsView.week));
  document.getElementById("cw-book-week").setAttribute("aria-pressed", String(bookingsView.week));
  drawResources();
  const mine = cw.session;
  const bookings = await cwList("/api/coworking/bookings", { from: start.toISOString(), to: end.toISOString(),
    limit: 1000 });
  if (mine !== cw.session) return;
  const list = document.getElementById("cw-booking-list");
  const shown = bookings.filter((b) => !b.cancelledAt).sort((a, b) => a.from.localeCompare(b.from));
  // Drawn again only when something changed, so that a focused button stays where the keyboard left it.
  const signature = JSON.stringify([bookingsView.week, shown, cw.members.map((m) => m.name)]);
  if (signature === bookingsView.drawn && list.isConnected && list.childElementCount) return;
  bookingsView.drawn = signature;
  if (!shown.length) {
    list.replaceChildren(element("li", "empty", bookingsView.week ? "Aucune réservation cette semaine."
      : "Aucune réservation ce jour-là."));
    return;
  }
  list.replaceChildren(...shown.map((booking) => {
    const item = element("li", "cw-item booking");
    item.dataset.booking = booking.id;
    item.append(element("strong", null, frTime(booking.from) + " – " + frTime(booking.until) + " · "
      + resourceName(booking.resourceId)));
    item.append(element("span", "detail", (bookingsView.week ? frDay(booking.from) + ", " : "")
      + (booking.memberName || memberName(booking.memberId))));
    const actions = element("div", "actions");
    const cancel = element("button", "quiet-danger", "Annuler la réservation");
    cancel.type = "button";
    cancel.addEventListener("click", () => cancelBooking(booking));
    actions.append(cancel);
    item.append(actions);
    return item;
  }));
}

function drawResources() {
  const list = document.getElementById("cw-resource-list");
  const signature = JSON.stringify(cw.resources);
  if (list.dataset.drawn === signature) return;
  list.dataset.drawn = signature;
  list.replaceChildren(...(cw.resources.length ? cw.resources.map((r) => element("li", "cw-item",
    r.name + (r.kind === "room" ? " (salle)" : " (bureau)")))
    : [element("li", "empty", "Aucune salle ni bureau : ajoutez-en un pour pouvoir réserver.")]));
  // Nothing to book yet: the form to add one is opened for the manager.
  if (!cw.resources.length) document.getElementById("cw-resources").open = true;
}

async function addResource(event) {
  event.preventDefault();
  const name = document.getElementById("cw-rs-name");
  const problem = document.getElementById("cw-resource-error");
  problem.hidden = true;
  if (!name.value.trim()) {
    problem.textContent = "Donnez un nom à la salle ou au bureau.";
    problem.hidden = false;
    name.focus();
    return;
  }
  const body = { site: cw.site, name: name.value.trim(), kind: document.getElementById("cw-rs-kind").value };
  try {
    const result = await cwSend("POST", "/api/coworking/resources", body);
    if (!result.ok) {
      problem.textContent = cwRefusal(result);
      problem.hidden = false;
      return;
    }
    name.value = "";
    cwNotice("« " + body.name + " » ajouté : on peut le réserver.", false);
    await refreshCoworking();
  } catch (error) {
    if (!(error instanceof LoggedOut)) cwNotice("Le hub ne répond pas : " + error.message, true);
  }
}

async function cancelBooking(booking) {
  if (!(await confirmAction("Annuler la réservation : " + describeBooking(booking) + " ?", "Annuler la réservation"))) {
    return;
  }
  if (bookingsView.busy) return;
  bookingsView.busy = true;
  try {
    const result = await cwSend("DELETE", "/api/coworking/bookings/" + encodeURIComponent(booking.id));
    cwNotice(result.ok ? "Réservation annulée." : cwRefusal(result), !result.ok);
    await drawBookings();
  } catch (error) {
    if (!(error instanceof LoggedOut)) cwNotice("Le hub ne répond pas : " + error.message, true);
  } finally {
    bookingsView.busy = false;
  }
}

function bookingProblem(text, field) {
  const problem = document.getElementById("cw-booking-error");
  problem.textContent = text;
  problem.hidden = !text;
  document.querySelectorAll("#cw-booking-form [aria-invalid]").forEach((f) => f.removeAttribute("aria-invalid"));
  if (field) {
    field.setAttribute("aria-invalid", "true");
    field.focus();
  }
}

async function book(event) {
  event.preventDefault();
  const member = document.getElementById("cw-b-member");
  const resource = document.getElementById("cw-b-resource");
  const date = document.getElementById("cw-b-date");
  const from = document.getElementById("cw-b-from");
  const until = document.getElementById("cw-b-until");
  if (!member.value) return bookingProblem("Choisissez le membre.", member);
  if (!resource.value) return bookingProblem("Choisissez la salle ou le bureau.", resource);
  if (!date.value) return bookingProblem("Choisissez le jour.", date);
  if (!from.value) return bookingProblem("Indiquez l'heure de début.", from);
  if (!until.value || until.value <= from.value) return bookingProblem("L'heure de fin doit venir après le début.", until);
  bookingProblem("");
  cwNotice("", false);
  if (bookingsView.busy) return;
  bookingsView.busy = true;
  const body = { resourceId: resource.value, memberId: member.value,
    from: new Date(date.value + "T" + from.value).toISOString(),
    until: new Date(date.value + "T" + until.value).toISOString() };
  try {
    const result = await cwSend("POST", "/api/coworking/bookings", body);
    if (result.status === 409 && result.body && result.body.conflict) {
      bookingProblem("Déjà réservé à ce moment-là : " + describeBooking(result.body.conflict)
        + ". Choisissez une autre heure ou une autre salle.");
    } else if (!result.ok) {
      bookingProblem(cwRefusal(result));
    } else {
      cwNotice("Réservé : " + describeBooking(result.body || body) + ".", false);
      bookingsView.day = new Date(body.from);
      await drawBookings();
    }
  } catch (error) {
    if (!(error instanceof LoggedOut)) bookingProblem("Le hub ne répond pas : " + error.message);
  } finally {
    bookingsView.busy = false;
  }
}

function moveBookings(step) {
  const day = new Date(bookingsView.day);
  day.setDate(day.getDate() + step * (bookingsView.week ? 7 : 1));
  bookingsView.day = day;
  refreshCoworking();
}

function startBookings() {
  document.getElementById("cw-book-prev").addEventListener("click", () => moveBookings(-1));
  document.getElementById("cw-book-next").addEventListener("click", () => moveBookings(1));
  document.getElementById("cw-book-day").addEventListener("click", () => {
    bookingsView.week = false;
    refreshCoworking();
  });
  document.getElementById("cw-book-week").addEventListener("click", () => {
    bookingsView.week = true;
    refreshCoworking();
  });
  document.getElementById("cw-b-date").value = isoDate(new Date());
  document.getElementById("cw-booking-form").addEventListener("submit", book);
  document.getElementById("cw-resource-form").addEventListener("submit", addResource);
}
