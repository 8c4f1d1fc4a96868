// The territory drawn in SVG from latitudes and longitudes: an equirectangular projection whose
// longitudes are scaled by cos(latitude), true enough over a few tens of kilometres. Places are
// links reachable by Tab, named for a screen reader by their aria-label.
import { svg } from "./dom.js";

const WIDTH = 1000;
const MARGIN = 40;

/** A projection fitting points [{lat, lon}] into a WIDTH-wide box: { x(lon), y(lat), height }. */
export function projection(points) {
  const placed = points.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  if (!placed.length) return null;
  const lats = placed.map((p) => p.lat);
  const lons = placed.map((p) => p.lon);
  const middle = ((Math.min(...lats) + Math.max(...lats)) / 2) * Math.PI / 180;
  const scaleX = Math.cos(middle);
  const west = Math.min(...lons) * scaleX;
  const east = Math.max(...lons) * scaleX;
  const north = Math.max(...lats);
  const south = Math.min(...lats);
  const span = Math.max(east - west, north - south, 0.01);
  const k = (WIDTH - 2 * MARGIN) / span;
  const height = Math.max(200, Math.round((north - south) * k + 2 * MARGIN));
  return { x: (lon) => MARGIN + (lon * scaleX - west) * k, y: (lat) => MARGIN + (north - lat) * k, height };
}

/**
 * Draws communes (small dots with their names) and marks (places and the van: links) into a new <svg>.
 * marks: [{ lat, lon, href, label, className, short }]; returns the svg element.
 */
export function drawMap(communes, marks, title) {
  const project = projection([...communes, ...marks]);
  const root = svg("svg", { class: "map", role: "group", "aria-label": title, viewBox: "0 0 " + WIDTH + " "
    + (project ? project.height : 200), preserveAspectRatio: "xMidYMid meet" });
  if (!project) return root;
  for (const commune of communes) {
    if (!Number.isFinite(commune.lat)) continue;
    const x = project.x(commune.lon);
    const y = project.y(commune.lat);
    root.append(svg("g", { class: "commune" + (commune.vanServed ? " van-served" : ""), "aria-hidden": "true" },
      svg("circle", { cx: x, cy: y, r: 4 }), svg("text", { x: x + 7, y: y + 4, text: commune.name })));
  }
  const placed = [];
  for (const mark of marks) {
    if (!Number.isFinite(mark.lat)) continue;
    const x0 = project.x(mark.lon);
    let x = x0;
    const y = project.y(mark.lat);
    // Two places of one town (Rozoy's tiers-lieu and its coworking) would hide each other: side by side.
    while (placed.some(([px, py]) => Math.abs(px - x) < 48 && Math.abs(py - y) < 48)) x += 48;
    placed.push([x, y]);
    root.append(svg("a", { href: mark.href, class: "mark " + (mark.className || ""), "aria-label": mark.label },
      svg("title", { text: mark.label }),
      svg("circle", { cx: x, cy: y, r: 20 }),
      svg("text", { x, y: y + 7, "text-anchor": "middle", class: "mark-short", text: mark.short || "" }),
      svg("text", { x, y: x === x0 ? y + 44 : y - 30, "text-anchor": "middle", class: "mark-name",
        text: mark.name || "" })));
  }
  return root;
}
