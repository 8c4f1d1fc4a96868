// The "Formules" tab: the plans of the place and what each lets in, and a form for the simple ones: a
// name, the doors, the days and hours, and for a pack how many days.
import { h, keyed, text } from "../lib/dom.js";
import { LoggedOut } from "../lib/http.js";
import { WEEKDAYS, checkBox, field, problemLine, refusal, send } from "./coworking-common.js";

const PLAN_KIND_LABELS = { "day-pass": "Journée", pack: "Carnet de jours", monthly: "Abonnement au mois",
  "meeting-room": "Salle de réunion", custom: "Autre" };

/** "08:00" -> "8 h", "19:30" -> "19 h 30", as the French say hours. */
function hour(value) {
  const [hh, mm] = value.split(":");
  return Number(hh) + " h" + (mm === "00" ? "" : " " + mm);
}

function describeWindow(slot) {
  const at = WEEKDAYS.map(([key]) => key).flatMap((key, index) => (slot.days.includes(key) ? [index] : []));
  const names = at.map((index) => WEEKDAYS[index][1].toLowerCase());
  // Three days or more in a row read as a span: "du lundi au samedi".
  const inARow = at.length >= 3 && at.every((index, i) => i === 0 || index === at[i - 1] + 1);
  const days = at.length === 7 ? "tous les jours"
    : inARow ? "du " + names[0] + " au " + names[names.length - 1] : names.join(", ");
  if (slot.from === "00:00" && slot.until === "24:00") return days + ", à toute heure";
  return days + " de " + hour(slot.from) + " à " + hour(slot.until);
}

export function create(cw) {
  const list = h("ul", { id: "cw-plan-list", class: "cw-list", "aria-label": "Formules du lieu" });
  const empty = h("p", { class: "empty", hidden: true, text: "Pas encore de formule : créez-en une ci-dessous." });
  const name = h("input", { maxlength: "100", autocomplete: "off", placeholder: "Par exemple : Carnet 10 jours" });
  const kind = h("select", { onchange: () => kindChanged() },
    ...[["monthly", "Abonnement au mois"], ["pack", "Carnet de jours"], ["day-pass", "Journée"],
      ["meeting-room", "Salle de réunion (sur réservation)"], ["custom", "Autre"]]
      .map(([value, label]) => h("option", { value, text: label })));
  const doors = h("fieldset", { id: "cw-pl-doors" }, h("legend", { text: "Portes" }));
  const days = h("fieldset", { id: "cw-pl-days" }, h("legend", { text: "Jours" }),
    ...WEEKDAYS.map(([key, label], index) => checkBox("cw-pl-day-" + key, key, label, index < 5)));
  const from = h("input", { type: "time", value: "08:00", step: "300" });
  const until = h("input", { type: "time", value: "19:00", step: "300" });
  const hours = h("div", { class: "cw-pair", id: "cw-pl-hours" }, h("div", {}, ...field("cw-pl-from", "De", from)),
    h("div", {}, ...field("cw-pl-until", "À", until)));
  const packDays = h("input", { type: "number", min: "1", max: "366", value: "10", inputmode: "numeric" });
  const pack = h("div", { id: "cw-pl-pack", hidden: true }, ...field("cw-pl-packdays", "Nombre de jours du carnet", packDays));
  const problem = problemLine("cw-plan-error");
  const form = h("form", { id: "cw-plan-form", class: "cw-form", novalidate: true,
    "aria-labelledby": "cw-plan-form-title", onsubmit: (event) => createPlan(event) },
  h("h3", { id: "cw-plan-form-title", text: "Nouvelle formule" }), ...field("cw-pl-name", "Nom", name),
  ...field("cw-pl-kind", "Type", kind), doors, days, hours, pack, problem,
  h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", text: "Créer la formule" })));
  const panel = h("div", {}, empty, list, form);

  function kindChanged() {
    pack.hidden = kind.value !== "pack";
    // A meeting-room plan opens on bookings only: no weekly hours to give.
    days.hidden = kind.value === "meeting-room";
    hours.hidden = kind.value === "meeting-room";
  }

  function draw() {
    drawDoors();
    empty.hidden = cw.plans.length > 0;
    keyed(list, cw.plans, (p) => p.id, () => h("li", { class: "cw-item plan" }, h("strong"),
      h("span", { class: "status active" }), h("span", { class: "detail" }), h("span", { class: "detail" })),
    (item, plan) => {
      const [title, kindWord, what, users] = item.children;
      text(title, plan.name);
      text(kindWord, PLAN_KIND_LABELS[plan.kind] || plan.kind);
      const parts = (plan.windows || []).map(describeWindow);
      if (plan.packDays) parts.push(plan.packDays + " jours");
      if (plan.doors && plan.doors.length) parts.push("portes : " + plan.doors.map(cw.deviceName).join(", "));
      text(what, parts.join(" · ") || "sur réservation seulement");
      const count = cw.members.filter((m) => m.planId === plan.id && m.status !== "revoked").length;
      text(users, count + (count < 2 ? " membre" : " membres"));
    });
  }

  /** The doors of the site as check boxes, kept ticked across redraws. */
  function drawDoors() {
    const ticked = new Set([...doors.querySelectorAll("input:checked")].map((i) => i.value));
    const known = cw.devices.filter((d) => d.kind === "door");
    const shown = [...doors.querySelectorAll("input")].map((i) => i.value).join(",");
    if (shown === known.map((d) => d.id).join(",") && doors.querySelector("input, p")) return;
    const boxes = known.map((d) => checkBox("cw-pl-door-" + d.id, d.id, d.name || d.id,
      ticked.has(d.id) || known.length === 1));
    doors.replaceChildren(h("legend", { text: "Portes" }), ...(boxes.length ? boxes
      : [h("p", { class: "detail", text: "Aucune porte connue sur ce lieu pour l'instant." })]));
  }

  async function createPlan(event) {
    event.preventDefault();
    const chosenDoors = [...doors.querySelectorAll("input:checked")].map((i) => i.value);
    const chosenDays = [...days.querySelectorAll("input:checked")].map((i) => i.value);
    const start = from.value;
    let end = until.value;
    if (!name.value.trim()) return problem.say("Donnez un nom à la formule.", name);
    if (kind.value !== "meeting-room" && !chosenDays.length) {
      return problem.say("Cochez au moins un jour.", days.querySelector("input"));
    }
    if (end === "00:00") end = "24:00";
    if (kind.value !== "meeting-room" && (!start || !end || end <= start)) {
      return problem.say("L'heure de fin doit venir après l'heure de début.", until);
    }
    if (kind.value === "pack" && !(Number(packDays.value) >= 1)) {
      return problem.say("Indiquez le nombre de jours du carnet.", packDays);
    }
    problem.say("");
    const body = { site: cw.site, name: name.value.trim(), kind: kind.value, doors: chosenDoors,
      windows: kind.value === "meeting-room" ? [] : [{ days: chosenDays, from: start, until: end }] };
    if (kind.value === "pack") body.packDays = Number(packDays.value);
    try {
      const result = await send("POST", "/api/coworking/plans", body);
      if (!result.ok) return problem.say(refusal(result));
      cw.notice("Formule « " + body.name + " » créée.", false);
      name.value = "";
      await cw.refresh();
    } catch (error) {
      if (!(error instanceof LoggedOut)) problem.say("Le hub ne répond pas : " + error.message);
    }
    return undefined;
  }

  return { panel, draw, reset() { doors.replaceChildren(h("legend", { text: "Portes" })); } };
}
