// Coworking: the page of the person who runs a coworking place (a manager, an admin or a technician):
// members and their badges, bookings, who is in, the doors' log, the plans. This module is the frame: the
// place (in the address, "#/coworking/<site>"), the tabs (a tablist, the tab in the address as "?tab=…"),
// the notice line, the lists every tab names things from, and when to read them again: live "place"
// (what "coworking") and door events of the place, "reset", "refresh", and after the user's own actions.
import { h } from "../lib/dom.js";
import { LoggedOut, fetchAll } from "../lib/http.js";
import { chosenPlace, placeChooser, placesFor } from "../lib/sites.js";
import { href } from "../routes.js";
import { listAll, mayCowork } from "./coworking-common.js";
import * as bookings from "./coworking-bookings.js";
import * as members from "./coworking-members.js";
import * as plans from "./coworking-plans.js";
import * as presence from "./coworking-presence.js";

export const title = "Coworking";
const TABS = [["members", "Membres", members.create], ["bookings", "Réservations", bookings.create],
  ["presence", "Présences", presence.createPresence], ["log", "Passages", presence.createLog],
  ["plans", "Formules", plans.create]];
/**
 * The events of a door that change the log, who is in, or the unknown reads an enrolment waits for: the
 * open tab is read again (the members tab then looks at the unknown reads if its enrolment panel is open).
 */
const DOOR_EVENTS = ["access-granted", "access-denied", "badge"];

let view = null;

function tabOf(query) {
  const asked = new URLSearchParams(query || "").get("tab");
  return TABS.some(([name]) => name === asked) ? asked : "members";
}

function address(site, tab) {
  return href("coworking", site) + (tab === "members" ? "" : "?tab=" + tab);
}

export async function mount(el, params, ctx) {
  const root = h("div", { class: "place-page coworking" });
  el.append(root);
  if (!mayCowork(ctx.me.role)) {
    root.append(h("h2", { text: "Coworking" }), h("p", { class: "notice", id: "cw-not-yours",
      text: "Cette page est réservée aux gérants du coworking et aux techniciens : votre compte n'y a pas accès." }));
    return;
  }
  const notice = h("p", { id: "cw-notice", class: "place-notice", role: "status", "aria-live": "polite" });
  const cw = {
    me: ctx.me, site: null, members: [], plans: [], resources: [], devices: [], session: 0, dead: false,
    notice(words, isError) {
      notice.className = "place-notice" + (words ? (isError ? " error" : " done") : "");
      notice.textContent = words || "";
    },
    /** The hub did not answer: said on the notice line, unless the session is over (the login form is back). */
    failed(error) {
      if (!(error instanceof LoggedOut) && !cw.dead) cw.notice("Le hub ne répond pas : " + error.message, true);
    },
    refresh: () => refresh(cw),
    memberName: (id) => named(cw.members, id, "membre inconnu"),
    resourceName: (id) => named(cw.resources, id, "ressource inconnue"),
    planName: (id) => named(cw.plans, id, "sans formule"),
    deviceName: (id) => { const d = cw.devices.find((x) => x.id === id); return d && d.name ? d.name : (id || ""); },
  };
  const tablist = h("div", { id: "cw-tabs", role: "tablist", "aria-label": "Rubriques du coworking",
    onkeydown: (event) => arrows(event) });
  const tabs = TABS.map(([name, label, create]) => {
    const part = create(cw);
    part.panel.id = "cw-" + name;
    part.panel.classList.add("cw-panel");
    part.panel.setAttribute("role", "tabpanel");
    part.panel.setAttribute("aria-labelledby", "tab-" + name);
    part.panel.hidden = true;
    const button = h("button", { type: "button", role: "tab", id: "tab-" + name, "aria-controls": "cw-" + name,
      "aria-selected": "false", tabindex: "-1", "data-tab": name, text: label, onclick: () => go(name) });
    tablist.append(button);
    return { name, button, part };
  });
  const top = h("div", { class: "place-top" }, h("h2", { id: "cw-title", text: "Coworking" }));
  root.setAttribute("aria-labelledby", "cw-title");
  root.append(top, tablist, notice, ...tabs.map((t) => t.part.panel));
  view = { root, top, cw, tabs, tab: null, places: [], offs: [] };
  const current = view;
  showTab(tabOf(params.query), false);

  let places;
  try {
    places = await placesFor(ctx.me, ["coworking"]);
  } catch (error) {
    cw.failed(error);
    return;
  }
  if (current !== view) return;
  current.places = places;
  const place = chosenPlace(places, params.site, ctx.me);
  if (!place) {
    cw.notice("Aucun lieu de coworking n'est connu du hub pour l'instant.", true);
    return;
  }
  cw.site = place.id;
  top.append(placeChooser("cw-site", places, place, (site) => { location.hash = address(site, current.tab); }));
  const live = ctx.live;
  current.offs = [
    live.on("place", (d) => d && d.site === cw.site && (!d.what || d.what === "coworking") && refresh(cw)),
    live.on("event", (d) => d && d.site === cw.site && DOOR_EVENTS.includes(d.type) && refresh(cw)),
    live.on("reset", () => refresh(cw)),
    live.on("refresh", () => refresh(cw)),
  ];
  // The place goes into the address (a reload, a bookmark keep it); the hashchange finds it already shown.
  if (params.site !== place.id) location.replace(address(place.id, current.tab));
  await refresh(cw);
}

/** The address changed: another place (everything read again) or another tab. */
export function update(params) {
  if (!view || !view.cw.site) return undefined;
  const { cw } = view;
  if (params.site && params.site !== cw.site && view.places.some((p) => p.id === params.site)) {
    cw.session++;
    cw.site = params.site;
    cw.members = [];
    cw.notice("");
    const select = view.top.querySelector("#cw-site");
    if (select) select.value = cw.site;
    view.tabs.forEach((t) => t.part.reset && t.part.reset());
    showTab(tabOf(params.query), false);
    return refresh(cw);
  }
  return showTab(tabOf(params.query), true);
}

export function unmount() {
  if (!view) return;
  view.offs.forEach((off) => off());
  view.cw.dead = true;
  view.cw.session++;
  view.tabs.forEach((t) => t.part.stop && t.part.stop());
  view = null;
}

function named(list, id, otherwise) {
  const found = list.find((x) => x.id === id);
  return found ? found.name : otherwise;
}

/** A tab chosen by a click or the arrows: shown at once, then written into the address. */
function go(name) {
  if (!view) return;
  showTab(name, true);
  if (view.cw.site) location.hash = address(view.cw.site, name);
}

function showTab(name, draw) {
  if (!view || view.tab === name) return undefined;
  view.tab = name;
  for (const tab of view.tabs) {
    const on = tab.name === name;
    tab.button.setAttribute("aria-selected", String(on));
    tab.button.tabIndex = on ? 0 : -1;
    tab.part.panel.hidden = !on;
    if (!on && tab.part.stop) tab.part.stop();
  }
  view.cw.notice("");
  return draw ? refresh(view.cw) : undefined;
}

/** Arrow keys, Home and End move along the tabs, as screen-reader users expect of a tab list. */
function arrows(event) {
  if (!view) return;
  const names = view.tabs.map((t) => t.name);
  const at = names.indexOf(view.tab);
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: names.length - 1 }[event.key];
  if (to === undefined) return;
  event.preventDefault();
  const next = view.tabs[(to + names.length) % names.length];
  go(next.name);
  next.button.focus();
}

/** The lists every tab names things from, read again with each refresh. */
async function loadShared(cw) {
  const mine = cw.session;
  const site = cw.site;
  const [memberList, planList, resources, devices] = await Promise.all([
    listAll(site, "/api/coworking/members"), listAll(site, "/api/coworking/plans"),
    listAll(site, "/api/coworking/resources").catch(() => []),
    fetchAll("/api/devices?site=" + encodeURIComponent(site)).then((a) => a.items).catch(() => [])]);
  if (mine !== cw.session || cw.dead) return false;
  cw.members = memberList.sort((a, b) => a.name.localeCompare(b.name, "fr"));
  cw.plans = planList;
  cw.resources = resources;
  cw.devices = devices;
  return true;
}

/**
 * Reads the shared lists and draws the open tab. Calls that come while one runs (a burst of live events, a
 * click) are folded into one more run after it, so the screen ends with the latest data and reads it twice at most.
 */
function refresh(cw) {
  if (cw.dead || !cw.site) return Promise.resolve();
  if (cw.running) {
    cw.again = true;
    return cw.running;
  }
  cw.running = (async () => {
    do {
      cw.again = false;
      try {
        if (!(await loadShared(cw))) continue;
        const open = view && view.cw === cw ? view.tabs.find((t) => t.name === view.tab) : null;
        if (open) await open.part.draw();
      } catch (error) {
        cw.failed(error);
      }
    } while (cw.again && !cw.dead);
    cw.running = null;
  })();
  return cw.running;
}
