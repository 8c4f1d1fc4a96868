// The technicians' first view: every site, its node and its devices, worst news first.
"use strict";

const KIND_LABELS = { mediation: "Médiation numérique", coworking: "Coworking", van: "Bus France Services" };
const HEALTH_LABELS = { ok: "OK", warning: "À surveiller", critical: "Critique", unknown: "Inconnu" };
const HEALTH_RANK = { critical: 0, warning: 1, unknown: 2, ok: 3 };

async function fetchJson(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    throw new Error(path + " : HTTP " + response.status);
  }
  return response.json();
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function since(iso) {
  if (!iso) return "jamais";
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) return "il y a " + seconds + " s";
  if (seconds < 3600) return "il y a " + Math.round(seconds / 60) + " min";
  return new Date(iso).toLocaleString("fr-FR");
}

function describeMetrics(metrics) {
  if (!metrics) return "";
  return Object.entries(metrics).map(([name, value]) => name + " : " + value).join(" · ");
}

function renderSite(site, nodes, devices) {
  const card = element("section", "site");
  const title = element("h2", null, site.name);
  title.append(element("span", "kind", KIND_LABELS[site.kind] || site.kind));
  card.append(title);
  for (const node of nodes) {
    const line = element("p", "node " + (node.online ? "online" : "offline"));
    line.textContent = node.id + " — " + (node.online ? "en ligne" : "hors ligne (" + node.state + ")")
      + ", vu " + since(node.lastSeen);
    card.append(line);
    const list = element("ul", "devices");
    devices.filter((d) => d.node === node.id)
      .sort((a, b) => HEALTH_RANK[a.health] - HEALTH_RANK[b.health] || a.id.localeCompare(b.id))
      .forEach((device) => {
        const item = element("li", "device " + device.health);
        item.append(element("span", "health", HEALTH_LABELS[device.health] || device.health));
        item.append(element("strong", null, device.name));
        item.append(element("span", "metrics", describeMetrics(device.metrics)));
        list.append(item);
      });
    card.append(list);
  }
  return card;
}

const SEVERITY_LABELS = { critical: "Critique", warning: "À surveiller", info: "Info" };
const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 };

// The alerts not yet cleared, worst and newest first; acknowledging and clearing go through the
// API (POST /api/alerts/{id}/ack and /clear) until technicians log in here.
function renderAlerts(alerts) {
  const list = element("ul", "alerts");
  alerts.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
      || b.openedAt.localeCompare(a.openedAt))
    .forEach((alert) => {
      const item = element("li", "alert " + alert.severity);
      item.append(element("span", "health", SEVERITY_LABELS[alert.severity] || alert.severity));
      item.append(element("strong", null, [alert.site, alert.node, alert.device].filter(Boolean).join(" / ")));
      item.append(element("span", "metrics", alert.message + " — " + since(alert.openedAt)
        + (alert.state === "acknowledged" ? ", pris en charge par " + alert.acknowledgedBy : "")
        + (alert.flapping ? ", instable" : "")));
      list.append(item);
    });
  return list;
}

async function refresh() {
  const summary = document.getElementById("summary");
  try {
    const [sites, nodes, devices, alerts] = await Promise.all([
      fetchJson("/api/sites"), fetchJson("/api/nodes"), fetchJson("/api/devices"),
      fetchJson("/api/alerts?state=active")]);
    document.getElementById("alerts").replaceChildren(renderAlerts(alerts));
    const container = document.getElementById("sites");
    container.replaceChildren(...sites.map((site) =>
      renderSite(site, nodes.filter((n) => n.site === site.id), devices)));
    const offline = nodes.filter((n) => !n.online).length;
    const critical = devices.filter((d) => d.health === "critical").length;
    summary.textContent = sites.length + " lieux, " + nodes.length + " nœuds (" + offline + " hors ligne), "
      + devices.length + " équipements (" + critical + " en état critique), " + alerts.length + " alertes";
  } catch (error) {
    summary.textContent = "Le hub ne répond pas : " + error.message;
  }
}

refresh();
setInterval(refresh, 5000);
