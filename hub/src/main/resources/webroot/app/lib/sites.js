// The place a place page works on: the account's own (a mediator, a manager), or one chosen by a technician
// among those the page is for. The choice is in the address ("#/file/rozoy"), so a reload or a bookmark
// keeps it, and the browser's back button goes back to the place before.
import { h } from "./dom.js";
import { fetchAll } from "./http.js";

/**
 * The places this account may run on a page for `kinds` (e.g. ["coworking"]; empty for every kind),
 * in name order. A site-scoped account gets its own place only, whatever its kind.
 */
export async function placesFor(me, kinds = []) {
  const { items } = await fetchAll("/api/sites");
  // A place whose box has not spoken yet is not among the hub's sites: its own people run it all the same.
  if (me.site) {
    const own = items.filter((site) => site.id === me.site);
    return own.length ? own : [{ id: me.site, name: me.site }];
  }
  const wanted = kinds.length ? items.filter((site) => kinds.includes(site.kind)) : items;
  const shown = wanted.length ? wanted : items;
  return shown.sort((a, b) => (a.name || a.id).localeCompare(b.name || b.id, "fr"));
}

/** The place to show: the one the address names if it is allowed, else the account's, else the first. */
export function chosenPlace(places, wanted, me) {
  return places.find((site) => site.id === wanted) || places.find((site) => site.id === me.site)
    || places[0] || null;
}

/**
 * "Lieu [select]" for an account that may run several places (hidden for one): choosing another calls
 * go(siteId), which usually sets location.hash to the same screen for that place.
 */
export function placeChooser(id, places, current, go) {
  const select = h("select", { id, onchange: () => go(select.value) },
    ...places.map((site) => h("option", { value: site.id, text: site.name || site.id })));
  if (current) select.value = current.id;
  const wrapper = h("p", { class: "place-choice" }, h("label", { for: id, text: "Lieu" }), select);
  wrapper.hidden = places.length < 2;
  return wrapper;
}
