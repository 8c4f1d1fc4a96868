// The plans (formules) of the place: what each lets in, and a form for the simple ones: a name,
// the doors, the days and hours, and for a pack how many days.
"use strict";

const PLAN_KIND_LABELS = { "day-pass": "Journée", pack: "Carnet de jours", monthly: "Abonnement au mois",
  "meeting-room": "Salle de réunion", custom: "Autre" };

function describeWindow(slot) {
  const at = WEEKDAYS.map(([key]) => key).flatMap((key, index) => slot.days.includes(key) ? [index] : []);
  const names = at.map((index) => WEEKDAYS[index][1].toLowerCase());
  // Three days or more in a row read as a span: "du lundi au samedi".
  const inARow = at.length >= 3 && at.every((index, i) => i === 0 || index === at[i - 1] + 1);
  const text = at.length === 7 ? "tous les jours"
    : inARow ? "du " + names[0] + " au " + names[names.length - 1] : names.join(", ");
  if (slot.from === "00:00" && slot.until === "24:00") return text + ", à toute heure";
  return text + " de " + hour(slot.from) + " à " + hour(slot.until);
}

/** "08:00" -> "8 h", "19:30" -> "19 h 30", as the French say hours. */
function hour(text) {
  const [h, m] = text.split(":");
  return Number(h) + " h" + (m === "00" ? "" : " " + m);
}

async function drawPlans() {
  drawPlanChoices();
  const list = document.getElementById("cw-plan-list");
  if (!cw.plans.length) {
    list.replaceChildren(element("li", "empty", "Pas encore de formule : créez-en une ci-dessous."));
    return;
  }
  list.replaceChildren(...cw.plans.map((plan) => {
    const item = element("li", "cw-item plan");
    item.append(element("strong", null, plan.name));
    item.append(element("span", "status active", PLAN_KIND_LABELS[plan.kind] || plan.kind));
    const what = (plan.windows || []).map(describeWindow);
    if (plan.packDays) what.push(plan.packDays + " jours");
    if (plan.doors && plan.doors.length) what.push("portes : " + plan.doors.map(deviceName).join(", "));
    item.append(element("span", "detail", what.join(" · ") || "sur réservation seulement"));
    const users = cw.members.filter((m) => m.planId === plan.id && m.status !== "revoked").length;
    item.append(element("span", "detail", users + (users < 2 ? " membre" : " membres")));
    return item;
  }));
}

/** The doors of the site as check boxes, kept ticked across redraws. */
function drawPlanChoices() {
  const holder = document.getElementById("cw-pl-doors");
  const ticked = new Set([...holder.querySelectorAll("input:checked")].map((i) => i.value));
  const doors = cw.devices.filter((d) => d.kind === "door");
  const known = [...holder.querySelectorAll("input")].map((i) => i.value).join(",");
  if (known === doors.map((d) => d.id).join(",") && holder.querySelector("input, p")) return;
  const boxes = doors.map((door) => checkBox("cw-pl-door-" + door.id, door.id, door.name || door.id,
    ticked.has(door.id) || doors.length === 1));
  holder.replaceChildren(element("legend", null, "Portes"), ...(boxes.length ? boxes
    : [element("p", "detail", "Aucune porte connue sur ce lieu pour l'instant.")]));
}

function checkBox(id, value, label, checked) {
  const wrap = element("label", "check");
  wrap.htmlFor = id;
  const box = element("input");
  box.type = "checkbox";
  box.id = id;
  box.value = value;
  box.checked = checked;
  wrap.append(box, " " + label);
  return wrap;
}

function planProblem(text, field) {
  const problem = document.getElementById("cw-plan-error");
  problem.textContent = text;
  problem.hidden = !text;
  if (field) field.focus();
}

async function createPlan(event) {
  event.preventDefault();
  const name = document.getElementById("cw-pl-name");
  const kind = document.getElementById("cw-pl-kind").value;
  const doors = [...document.querySelectorAll("#cw-pl-doors input:checked")].map((i) => i.value);
  const days = [...document.querySelectorAll("#cw-pl-days input:checked")].map((i) => i.value);
  const from = document.getElementById("cw-pl-from").value;
  let until = document.getElementById("cw-pl-until").value;
  const packDays = document.getElementById("cw-pl-packdays");
  if (!name.value.trim()) return planProblem("Donnez un nom à la formule.", name);
  if (kind !== "meeting-room" && !days.length) return planProblem("Cochez au moins un jour.",
    document.querySelector("#cw-pl-days input"));
  if (until === "00:00") until = "24:00";
  if (kind !== "meeting-room" && (!from || !until || until <= from)) {
    return planProblem("L'heure de fin doit venir après l'heure de début.", document.getElementById("cw-pl-until"));
  }
  if (kind === "pack" && !(Number(packDays.value) >= 1)) return planProblem("Indiquez le nombre de jours du carnet.", packDays);
  planProblem("");
  const body = { site: cw.site, name: name.value.trim(), kind, doors,
    windows: kind === "meeting-room" ? [] : [{ days, from, until }] };
  if (kind === "pack") body.packDays = Number(packDays.value);
  try {
    const result = await cwSend("POST", "/api/coworking/plans", body);
    if (!result.ok) return planProblem(cwRefusal(result));
    cwNotice("Formule « " + body.name + " » créée.", false);
    name.value = "";
    await refreshCoworking();
  } catch (error) {
    if (!(error instanceof LoggedOut)) planProblem("Le hub ne répond pas : " + error.message);
  }
}

function startPlans() {
  const days = document.getElementById("cw-pl-days");
  WEEKDAYS.forEach(([key, label], index) => days.append(checkBox("cw-pl-day-" + key, key, label, index < 5)));
  const kind = document.getElementById("cw-pl-kind");
  kind.addEventListener("change", () => {
    document.getElementById("cw-pl-pack").hidden = kind.value !== "pack";
    // A meeting-room plan opens on bookings only: no weekly hours to give.
    document.getElementById("cw-pl-days").hidden = kind.value === "meeting-room";
    document.getElementById("cw-pl-hours").hidden = kind.value === "meeting-room";
  });
  document.getElementById("cw-plan-form").addEventListener("submit", createPlan);
}
