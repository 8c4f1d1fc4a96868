// Line charts over uPlot (served by the hub from its WebJar), each with the same figures as a table
// in a <details>, for a screen reader and for whoever wants the numbers.
import uPlot from "/webjars/uplot/1.6.30/dist/uPlot.esm.js";
import { h } from "./dom.js";
import { dateAndTime, number } from "./format.js";

const COLOURS = ["#12355b", "#b3261e", "#1b7f3b", "#9a6700", "#5b2a86"];
const ZONE = "Europe/Paris";
const AXIS_DAY = new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, day: "numeric", month: "short" });
const AXIS_TIME = new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, hour: "2-digit", minute: "2-digit" });
const SHORT_DAY = new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, weekday: "short", day: "numeric", month: "short" });

/** The x axis' ticks: days ("6 déc.") over more than two days, else hours ("14:05"). */
function timeTicks(dayOnly) {
  return (u, ticks) => {
    const span = ticks.length > 1 ? ticks[ticks.length - 1] - ticks[0] : 0;
    const format = dayOnly || span > 2 * 86400 ? AXIS_DAY : AXIS_TIME;
    return ticks.map((t) => format.format(new Date(t * 1000)));
  };
}

/**
 * lineChart(el, { times: [epoch seconds], series: [{ label, unit, values: [number|null] }] },
 * { title, height, digits (most decimals, 2 by default), dayOnly (one point a day: days, not hours) }) draws
 * into el and returns { update(data), destroy() }. Times are told in French, in Paris time, on the axis,
 * in the legend and in the table.
 */
export function lineChart(el, data, opts = {}) {
  // Up to 2 decimals unless told: a table that rounds 41,5 ms to 42 says something the agent did not.
  const digits = opts.digits ?? 2;
  const dayOnly = !!opts.dayOnly;
  // "dim. 6 déc.": short enough for a phone's table, the year is in the screen's period.
  const when = (t) => (t === null || t === undefined ? "–" : dayOnly ? SHORT_DAY.format(new Date(t * 1000))
    : dateAndTime(t * 1000));
  const figure = h("figure", { class: "chart" });
  const caption = h("figcaption", { text: opts.title || "" });
  const canvas = h("div", { class: "chart-canvas", "aria-hidden": "true" });
  const details = h("details", { class: "chart-table" }, h("summary", { text: "Voir les valeurs en tableau" }));
  figure.append(caption, canvas, details);
  el.append(figure);
  const width = () => Math.max(280, Math.floor(canvas.getBoundingClientRect().width || el.clientWidth || 600));
  const plot = new uPlot({
    width: width(),
    height: opts.height || 220,
    series: [{ label: dayOnly ? "Jour" : "Moment", value: (u, t) => when(t) }, ...data.series.map((s, i) => ({
      label: s.label + (s.unit ? " (" + s.unit + ")" : ""), stroke: COLOURS[i % COLOURS.length], width: 2,
      value: (u, v) => (v === null || v === undefined ? "–" : number(v, digits)) }))],
    axes: [{ values: timeTicks(dayOnly) }, { values: (u, ticks) => ticks.map((t) => number(t, digits)) }],
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Europe/Paris"),
    // A single point would get a range of years: an hour either side of it instead.
    scales: { x: { time: true, range: (u, min, max) => (min === max ? [min - 3600, max + 3600] : [min, max]) } },
  }, toColumns(data), canvas);
  const table = () => {
    const head = h("tr", {}, h("th", { scope: "col", text: dayOnly ? "Jour" : "Moment" }),
      ...data.series.map((s) => h("th", { scope: "col", text: s.label + (s.unit ? " (" + s.unit + ")" : "") })));
    const rows = data.times.map((t, row) => h("tr", {}, h("th", { scope: "row", text: when(t) }),
      ...data.series.map((s) => h("td", { text: number(s.values[row], digits) }))));
    details.replaceChildren(details.firstChild, h("table", {}, h("caption", { text: opts.title || "" }),
      h("thead", {}, head), h("tbody", {}, ...rows)));
  };
  table();
  const resize = () => plot.setSize({ width: width(), height: opts.height || 220 });
  window.addEventListener("resize", resize);
  return {
    update(next) {
      data = next;
      plot.setData(toColumns(next));
      table();
    },
    destroy() {
      window.removeEventListener("resize", resize);
      plot.destroy();
      figure.remove();
    },
  };
}

function toColumns(data) {
  return [data.times, ...data.series.map((s) => s.values)];
}
