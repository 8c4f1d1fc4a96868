// What the pages of those who run a place share (File d'attente, Ateliers, Rendez-vous): who may run
// them, the place the address names, the writes and their refusals in plain French, the notices, and the
// place's times whatever the computer's clock says.
import { h } from "./dom.js";
import { chosenPlace, placeChooser, placesFor } from "./sites.js";
export { notice, runsPlaces, send } from "./place-forms.js";

const ZONE = "Europe/Paris";

/** The screen of an account that does not run places: said in words, nothing else. */
const NOT_THEIRS = "Cette page est celle des personnes qui font vivre un lieu : votre compte ne permet pas de"
  + " l'utiliser.";

export function notTheirs(el, rootClass, titleText) {
  el.append(h("div", { class: "place-page " + rootClass }, h("h2", { text: titleText }),
    h("p", { class: "place-notice error", role: "status", text: NOT_THEIRS })));
}

/**
 * The place a screen works on: the one the address names if allowed, else the account's or the first;
 * written into the address ("#/file" → "#/file/rozoy") without a new history entry. With the chooser
 * ("Lieu [select]", hidden for a single place) whose choice goes to that place's address.
 */
export async function placeOf(me, wanted, screen, chooserId) {
  const places = await placesFor(me, []);
  const place = chosenPlace(places, wanted, me);
  if (!place) return { place: null, chooser: null };
  const address = "#/" + screen + "/" + encodeURIComponent(place.id);
  if (wanted !== place.id) {
    const query = location.hash.includes("?") ? location.hash.slice(location.hash.indexOf("?")) : "";
    // replace(), not history.replaceState(): the router hears of it (hashchange) and keeps the same
    // parameters as the address, with no new entry in the history.
    location.replace(address + query);
  }
  const chooser = placeChooser(chooserId, places, place, (id) => {
    location.hash = "#/" + screen + "/" + encodeURIComponent(id);
  });
  return { place, chooser };
}

/**
 * Reads again on a live "place" event about this place's `what` (or about no place in particular: a fleet-wide
 * account hears of a write that named none), after a reconnection that lost events, and on the 30-s fallback.
 * The off() functions, to call in unmount().
 */
export function listen(live, site, what, load) {
  return [
    live.on("place", (data) => (data.site === site || data.site === null) && data.what === what && load()),
    live.on("reset", () => load()),
    live.on("refresh", () => load()),
  ];
}

/** The hub's refusal in French: its own message when it wrote one for people (409), else the reason. */
export function refusal(result) {
  const said = result.body && result.body.error;
  if (result.status === 403) return "Votre compte ne permet pas de faire cela pour ce lieu.";
  if (result.status === 404) return said && /^[A-ZÉ][a-zé]/.test(said) && !said.startsWith("no ") ? said
    : "Introuvable : la liste est mise à jour.";
  if (result.status === 409) return said || "Impossible pour le moment.";
  if (result.status === 400) return "Le hub a refusé ces informations : " + (said || "vérifiez-les.");
  return "Le hub a refusé (erreur " + result.status + ") : réessayez dans un instant.";
}

const clock = new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, hour: "2-digit", minute: "2-digit" });
const longDay = new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, weekday: "long", day: "numeric", month: "long" });

/** "14:05" in the place's time; "" without a time. */
export function hourOf(iso) {
  return iso ? clock.format(new Date(iso)) : "";
}

/** "mardi 8 décembre, 14:00 – 16:00" in the place's time. */
export function when(start, end) {
  return longDay.format(new Date(start)) + ", " + hourOf(start) + " – " + hourOf(end);
}

/** A local date and time of a form, as the hub wants it: with the place's offset that day. */
export function parisTime(date, time) {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  // Paris is UTC+1 or UTC+2: the offset is the one whose UTC instant shows that local time there.
  for (const offset of [1, 2]) {
    const at = new Date(Date.UTC(y, m - 1, d, hh - offset, mm));
    if (clock.format(at) === time) return date + "T" + time + ":00+0" + offset + ":00";
  }
  return date + "T" + time + ":00+01:00";
}

/** A labelled field of a form: [label, control]; the control keeps the id for the tests and the label. */
export function field(labelText, control) {
  return [h("label", { for: control.id, text: labelText }), control];
}

/**
 * A screen's start once built: the place from the address (its chooser added to the screen's top), the live
 * listeners, the first read. `current` is the screen's view ({ctx, top, notice, offs…}); stillShown() says
 * whether the screen is still the one shown after the wait.
 */
export async function startOn(current, wanted, stillShown, { screen, chooserId, what, emptyWords, load }) {
  const { place, chooser } = await placeOf(current.ctx.me, wanted, screen, chooserId);
  if (!stillShown()) return;
  if (!place) {
    notice(current.notice, emptyWords, true);
    return;
  }
  current.site = place.id;
  current.top.append(chooser);
  current.offs = listen(current.ctx.live, current.site, what, () => load(current));
  await load(current);
}

/**
 * The nav's link names no place while one is shown: that one stays, and the address says it again
 * (keeping its query). True when it did so: the screen has nothing else to do.
 */
export function keepPlace(view, params, screen) {
  if (params.site || !view.site) return false;
  location.replace("#/" + screen + "/" + encodeURIComponent(view.site) + (params.query ? "?" + params.query : ""));
  return true;
}

/**
 * The first required field left empty ([id, "le titre"] pairs, in order) is said beside the form's button and
 * focused; true when one was.
 */
export function saidMissing(form, error, required) {
  const missing = required.find(([id]) => !form.querySelector("#" + id).value.trim());
  if (!missing) return false;
  error.textContent = "Indiquez " + missing[1] + ".";
  error.hidden = false;
  form.querySelector("#" + missing[0]).focus();
  return true;
}
