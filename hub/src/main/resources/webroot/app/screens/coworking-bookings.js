// The "Réservations" tab: bookings of the meeting room and the desks for a day or a week (arrows to the
// period before or after), booking one for a member, a clash with another booking said in plain words (the
// hub answers 409 naming it), cancelling, and the place's rooms and desks, with a form to add one.
import { confirmAction } from "../lib/confirm.js";
import { h, keyed, text } from "../lib/dom.js";
import { LoggedOut } from "../lib/http.js";
import { field, fillSelect, frDay, frTime, isoDate, listAll, problemLine, refusal, send } from "./coworking-common.js";

export function create(cw) {
  const state = { week: false, day: new Date(), busy: false };
  const period = h("p", { id: "cw-book-period", class: "cw-period", "aria-live": "polite" });
  const dayButton = h("button", { type: "button", id: "cw-book-day", "aria-pressed": "true", text: "Jour",
    onclick: () => { state.week = false; cw.refresh(); } });
  const weekButton = h("button", { type: "button", id: "cw-book-week", "aria-pressed": "false", text: "Semaine",
    onclick: () => { state.week = true; cw.refresh(); } });
  const list = h("ul", { id: "cw-booking-list", class: "cw-list", "aria-labelledby": "cw-book-period" });
  const empty = h("p", { class: "empty", hidden: true });

  const member = h("select", { class: "cw-member-select" });
  const resource = h("select");
  const date = h("input", { type: "date", required: true, value: isoDate(new Date()) });
  const from = h("input", { type: "time", step: "300", required: true });
  const until = h("input", { type: "time", step: "300", required: true });
  const bookingProblem = problemLine("cw-booking-error");
  const form = h("form", { id: "cw-booking-form", class: "cw-form", novalidate: true,
    "aria-labelledby": "cw-booking-form-title", onsubmit: (event) => book(event) },
  h("h3", { id: "cw-booking-form-title", text: "Réserver" }), ...field("cw-b-member", "Membre", member),
  ...field("cw-b-resource", "Salle ou bureau", resource), ...field("cw-b-date", "Jour", date),
  h("div", { class: "cw-pair" }, h("div", {}, ...field("cw-b-from", "De", from)),
    h("div", {}, ...field("cw-b-until", "À", until))),
  bookingProblem, h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", text: "Réserver" })));

  const resourceList = h("ul", { id: "cw-resource-list", class: "cw-list" });
  const resourceName = h("input", { maxlength: "100", autocomplete: "off", placeholder: "Par exemple : Bureau 3" });
  const resourceKind = h("select", {}, h("option", { value: "desk", text: "Bureau" }),
    h("option", { value: "room", text: "Salle" }));
  const resourceProblem = problemLine("cw-resource-error");
  const resources = h("details", { id: "cw-resources", class: "cw-form" },
    h("summary", { text: "Salles et bureaux du lieu" }), resourceList,
    h("form", { id: "cw-resource-form", novalidate: true, "aria-label": "Ajouter une salle ou un bureau",
      onsubmit: (event) => addResource(event) },
    ...field("cw-rs-name", "Nom", resourceName), ...field("cw-rs-kind", "Type", resourceKind), resourceProblem,
    h("div", { class: "actions" }, h("button", { type: "submit", text: "Ajouter" }))));

  const panel = h("div", {},
    h("div", { class: "cw-bar" },
      h("button", { type: "button", id: "cw-book-prev", "aria-label": "Période précédente", text: "‹",
        onclick: () => move(-1) }),
      period,
      h("button", { type: "button", id: "cw-book-next", "aria-label": "Période suivante", text: "›",
        onclick: () => move(1) }),
      dayButton, weekButton),
    empty, list, form, resources);

  /** The local midnight starting the period shown, and the one ending it. */
  function bookingPeriod() {
    const start = new Date(state.day);
    start.setHours(0, 0, 0, 0);
    if (state.week) start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
    const end = new Date(start);
    end.setDate(end.getDate() + (state.week ? 7 : 1));
    return [start, end];
  }

  function describe(booking) {
    return cw.resourceName(booking.resourceId) + ", " + frDay(booking.from) + " de " + frTime(booking.from) + " à "
      + frTime(booking.until) + ", pour " + (booking.memberName || cw.memberName(booking.memberId));
  }

  async function draw() {
    fillSelect(member, cw.members.filter((m) => m.status === "active").map((m) => [m.id, m.name]), "Choisir un membre");
    fillSelect(resource, cw.resources.map((r) => [r.id, r.name]), "Choisir");
    drawResources();
    const [start, end] = bookingPeriod();
    const last = new Date(end.getTime() - 1);
    const short = { day: "numeric", month: "long" };
    text(period, state.week ? "Semaine du " + start.toLocaleDateString("fr-FR", short) + " au "
      + last.toLocaleDateString("fr-FR", short)
      : start.toLocaleDateString("fr-FR", { weekday: "long", day: "numeric", month: "long" }));
    dayButton.setAttribute("aria-pressed", String(!state.week));
    weekButton.setAttribute("aria-pressed", String(state.week));
    const mine = cw.session;
    const week = state.week;
    const bookings = await listAll(cw.site, "/api/coworking/bookings", { from: start.toISOString(),
      to: end.toISOString() });
    if (mine !== cw.session || week !== state.week) return;
    const shown = bookings.filter((b) => !b.cancelledAt).sort((a, b) => a.from.localeCompare(b.from));
    empty.hidden = shown.length > 0;
    text(empty, state.week ? "Aucune réservation cette semaine." : "Aucune réservation ce jour-là.");
    // Keyed rows: a focused "Annuler" stays where the keyboard left it when the list is read again.
    keyed(list, shown, (b) => b.id, (b) => h("li", { class: "cw-item booking", "data-booking": b.id },
      h("strong"), h("span", { class: "detail" }),
      h("div", { class: "actions" }, h("button", { type: "button", class: "quiet-danger",
        text: "Annuler la réservation", onclick: () => cancel(b.id) }))), (item, b) => {
      text(item.children[0], frTime(b.from) + " – " + frTime(b.until) + " · " + cw.resourceName(b.resourceId));
      text(item.children[1], (state.week ? frDay(b.from) + ", " : "") + (b.memberName || cw.memberName(b.memberId)));
      item.booking = b;
    });
  }

  function drawResources() {
    if (!cw.resources.length) {
      resourceList.replaceChildren(h("li", { class: "empty",
        text: "Aucune salle ni bureau : ajoutez-en un pour pouvoir réserver." }));
      // Nothing to book yet: the form to add one is opened for the manager.
      resources.open = true;
      return;
    }
    if (resourceList.querySelector(".empty")) resourceList.replaceChildren();
    keyed(resourceList, cw.resources, (r) => r.id, () => h("li", { class: "cw-item" }),
      (item, r) => text(item, r.name + (r.kind === "room" ? " (salle)" : " (bureau)")));
  }

  async function addResource(event) {
    event.preventDefault();
    resourceProblem.say("");
    if (!resourceName.value.trim()) {
      resourceProblem.say("Donnez un nom à la salle ou au bureau.", resourceName);
      return;
    }
    const body = { site: cw.site, name: resourceName.value.trim(), kind: resourceKind.value };
    try {
      const result = await send("POST", "/api/coworking/resources", body);
      if (!result.ok) {
        resourceProblem.say(refusal(result));
        return;
      }
      resourceName.value = "";
      cw.notice("« " + body.name + " » ajouté : on peut le réserver.", false);
      await cw.refresh();
    } catch (error) {
      cw.failed(error);
    }
  }

  async function cancel(id) {
    const item = [...list.children].find((li) => li.dataset.key === id);
    if (!item || !(await confirmAction("Annuler la réservation : " + describe(item.booking) + " ?",
      "Annuler la réservation"))) return;
    if (state.busy) return;
    state.busy = true;
    try {
      const result = await send("DELETE", "/api/coworking/bookings/" + encodeURIComponent(id));
      cw.notice(result.ok ? "Réservation annulée." : refusal(result), !result.ok);
      await cw.refresh();
    } catch (error) {
      cw.failed(error);
    } finally {
      state.busy = false;
    }
  }

  async function book(event) {
    event.preventDefault();
    if (!member.value) return bookingProblem.say("Choisissez le membre.", member, form);
    if (!resource.value) return bookingProblem.say("Choisissez la salle ou le bureau.", resource, form);
    if (!date.value) return bookingProblem.say("Choisissez le jour.", date, form);
    if (!from.value) return bookingProblem.say("Indiquez l'heure de début.", from, form);
    if (!until.value || until.value <= from.value) {
      return bookingProblem.say("L'heure de fin doit venir après le début.", until, form);
    }
    bookingProblem.say("", null, form);
    cw.notice("");
    if (state.busy) return undefined;
    state.busy = true;
    const body = { resourceId: resource.value, memberId: member.value,
      from: new Date(date.value + "T" + from.value).toISOString(),
      until: new Date(date.value + "T" + until.value).toISOString() };
    try {
      const result = await send("POST", "/api/coworking/bookings", body);
      if (result.status === 409 && result.body && result.body.conflict) {
        bookingProblem.say("Déjà réservé à ce moment-là : " + describe(result.body.conflict)
          + ". Choisissez une autre heure ou une autre salle.");
      } else if (!result.ok) {
        bookingProblem.say(refusal(result));
      } else {
        cw.notice("Réservé : " + describe(result.body || body) + ".", false);
        state.day = new Date(body.from);
        await cw.refresh();
      }
    } catch (error) {
      if (!(error instanceof LoggedOut)) bookingProblem.say("Le hub ne répond pas : " + error.message);
    } finally {
      state.busy = false;
    }
    return undefined;
  }

  function move(step) {
    const day = new Date(state.day);
    day.setDate(day.getDate() + step * (state.week ? 7 : 1));
    state.day = day;
    cw.refresh();
  }

  return { panel, draw, reset() { list.replaceChildren(); } };
}
