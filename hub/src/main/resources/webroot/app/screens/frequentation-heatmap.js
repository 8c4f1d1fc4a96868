// The heat map of the Fréquentation screen: "visiteurs par heure, moyenne par semaine" as a real table
// (weekdays as rows, the hours that had any visitor as columns), each cell's number written in it and
// said in full to a screen reader, its colour one of five classes (heat-0 … heat-4) so that no style is
// ever written as an attribute. The legend says which figures each colour stands for.
import { h } from "../lib/dom.js";
import { number } from "../lib/format.js";

const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
export const STEPS = 5;

/** "9 h" for the hour 9. */
function hourLabel(hour) {
  return hour + " h";
}

/** 0 for no visitor, else 1 … 4 by the share of the busiest cell (a quarter each). */
export function step(value, max) {
  if (!value || max <= 0) return 0;
  return Math.min(STEPS - 1, Math.max(1, Math.ceil((value / max) * (STEPS - 1))));
}

/** The hours (0 … 23) in which any weekday had a visitor over the period, in order. */
export function busyHours(cells) {
  const hours = new Set(cells.filter((c) => c.entries > 0).map((c) => c.hour));
  return [...hours].sort((a, b) => a - b);
}

/** Draws the answer of GET /api/occupancy/heatmap into el (its children replaced). */
export function drawHeatmap(el, map) {
  const cells = map.cells || [];
  const hours = busyHours(cells);
  if (!hours.length) {
    el.replaceChildren(h("p", { class: "empty", text: "Aucun visiteur compté sur cette période." }));
    return;
  }
  const byKey = new Map(cells.map((c) => [c.weekday + "-" + c.hour, c]));
  const max = Math.max(...cells.map((c) => c.perWeek));
  const head = h("tr", {}, h("th", { scope: "col", text: "Jour" }),
    ...hours.map((hour) => h("th", { scope: "col", text: hourLabel(hour) })));
  const rows = WEEKDAYS.map((name, i) => h("tr", {}, h("th", { scope: "row", text: name }),
    ...hours.map((hour) => cell(byKey.get(i + 1 + "-" + hour) || { weekday: i + 1, hour, entries: 0, perWeek: 0 },
      name, max))));
  const table = h("table", { class: "heatmap" },
    // Said by a screen reader; on screen the section's heading and the period line say it already.
    h("caption", { class: "visually-hidden", text: "Visiteurs par heure, moyenne par semaine, du " + map.from
      + " au " + map.to }),
    h("thead", {}, head), h("tbody", {}, ...rows));
  // Its own scrolling box: on a phone the table scrolls sideways, never the page; focusable so that a
  // keyboard can scroll it too.
  const box = h("div", { class: "table-scroll", tabindex: "0", role: "region",
    "aria-label": "Carte de chaleur des visiteurs (défilement horizontal)" }, table);
  el.replaceChildren(box, legend(max));
}

function cell(c, weekday, max) {
  const shown = number(c.perWeek, 2);
  const td = h("td", { class: "heat heat-" + step(c.perWeek, max), text: shown,
    "data-weekday": c.weekday, "data-hour": c.hour, "data-entries": c.entries,
    "aria-label": shown + " visiteur" + (c.perWeek >= 2 ? "s" : "") + " par semaine en moyenne, le " + weekday
      + " de " + hourLabel(c.hour) + " à " + hourLabel(c.hour + 1) + " (" + number(c.entries) + " sur la période)" });
  return td;
}

/** The five colours and the figures each one covers, in words. */
function legend(max) {
  const items = [h("li", {}, h("span", { class: "swatch heat-0", "aria-hidden": "true" }), "aucun visiteur")];
  for (let s = 1; s < STEPS; s++) {
    const low = (max * (s - 1)) / (STEPS - 1);
    const high = (max * s) / (STEPS - 1);
    items.push(h("li", {}, h("span", { class: "swatch heat-" + s, "aria-hidden": "true" }),
      (s === 1 ? "jusqu'à " : "de " + number(low, 2) + " à ") + number(high, 2) + " par semaine"));
  }
  return h("div", { class: "heat-legend" }, h("p", { class: "legend-title", text: "Légende" }),
    h("ul", {}, ...items));
}
