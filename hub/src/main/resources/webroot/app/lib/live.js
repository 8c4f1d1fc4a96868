// One EventSource per tab on /api/live, shared by every screen: on(type, fn) to listen, and a status
// line in words. Until the hub serves /api/live (or while it is away) screens refresh every 30 s.
import { hubHas } from "./http.js";

const REFRESH_MS = 30000;
const listeners = new Map();
let source = null;
let statusElement = null;
let timer = null;
let failures = 0;
let running = false;

function status(words) {
  if (statusElement && statusElement.textContent !== words) statusElement.textContent = words;
}

function emit(type, data) {
  for (const fn of listeners.get(type) || []) {
    try {
      fn(data);
    } catch (error) {
      console.warn("live " + type + " :", error);
    }
  }
}

/** Screens reload their data every 30 s while the live channel is missing or broken. */
function poll(on) {
  if (on && timer === null) timer = setInterval(() => emit("refresh", {}), REFRESH_MS);
  if (!on && timer !== null) {
    clearInterval(timer);
    timer = null;
  }
}

function open() {
  source = new EventSource("/api/live", { withCredentials: true });
  source.addEventListener("open", () => {
    failures = 0;
    poll(false);
    status("Temps réel : connecté");
  });
  source.addEventListener("error", () => {
    failures++;
    status(source.readyState === EventSource.CLOSED ? "Temps réel indisponible" : "Temps réel : reconnexion…");
    // After 3 failed reconnections, screens reload their data every 30 s until it is back.
    if (failures >= 3 || source.readyState === EventSource.CLOSED) poll(true);
  });
  for (const type of ["device", "node", "event", "alert", "command", "place", "reset", "logout"]) {
    source.addEventListener(type, (message) => {
      let data = {};
      try {
        data = JSON.parse(message.data || "{}");
      } catch (notJson) {
        data = {};
      }
      emit(type, data);
    });
  }
}

/** Starts the channel once per session; the status goes into element. */
export async function start(element) {
  statusElement = element;
  if (running) return;
  running = true;
  failures = 0;
  if (await hubHas("/api/live")) {
    if (!running) return;
    status("Temps réel : connexion…");
    open();
  } else {
    status("Temps réel indisponible");
    poll(true);
  }
}

export function stop() {
  running = false;
  if (source) source.close();
  source = null;
  poll(false);
  status("");
}

/** Listens to a type of event ("device", "node", "reset", "refresh" for the 30-s fallback…); returns an off(). */
export function on(type, fn) {
  if (!listeners.has(type)) listeners.set(type, new Set());
  listeners.get(type).add(fn);
  return () => listeners.get(type).delete(fn);
}
