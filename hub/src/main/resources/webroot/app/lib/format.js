// French numbers, dates and durations, in the territory's time zone whatever the browser's.

const ZONE = "Europe/Paris";
const numbers = new Map();

export function number(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "–";
  let format = numbers.get(digits);
  if (!format) {
    format = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    numbers.set(digits, format);
  }
  return format.format(Number(value));
}

const dateTime = new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, dateStyle: "short", timeStyle: "short" });
const day = new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, weekday: "long", day: "numeric", month: "long" });
const clock = new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, hour: "2-digit", minute: "2-digit" });
const isoDay = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

export function dateAndTime(iso) {
  return iso ? dateTime.format(new Date(iso)) : "–";
}

/** "mardi 8 décembre" from "2026-12-08" or an ISO instant. */
export function longDay(value) {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(value + "T12:00:00Z") : new Date(value);
  return day.format(date);
}

export function time(iso) {
  return clock.format(new Date(iso));
}

/** Today in Paris, "2026-12-06": the API's days are local days. */
export function today(now = new Date()) {
  return isoDay.format(now);
}

/** "1 alerte", "0 alerte", "2 alertes": French puts 0 and 1 in the singular. */
export function plural(n, singular, pluralForm) {
  return number(n) + " " + (Math.abs(n) < 2 ? singular : pluralForm || singular + "s");
}

/** "il y a 12 s", "il y a 5 min", "il y a 3 h", then the date: how fresh a reading is. */
export function since(iso, now = Date.now()) {
  if (!iso) return "jamais";
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return "il y a " + seconds + " s";
  if (seconds < 3600) return "il y a " + Math.round(seconds / 60) + " min";
  if (seconds < 86400) return "il y a " + Math.round(seconds / 3600) + " h";
  return "le " + dateAndTime(iso);
}
