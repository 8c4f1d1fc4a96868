// The particular days of "Horaires" (a day closed, or open at other hours, with a reason): their list and
// the form that adds one. `v` is the screen's state; `alive()` says whether it is still shown; `reload()`
// reads the place's hours again after a change.
import { h, keyed, text } from "../lib/dom.js";
import { confirmAction } from "../lib/confirm.js";
import { field, fieldError, notice, placeDay, refusal, send } from "./horaires-common.js";

/** "Ajouter un jour particulier": its controls are kept on v (v.xDate…), the form is returned. */
export function daysForm(v, alive, reload) {
  v.xDate = h("input", { id: "ph-x-date", type: "date", required: true });
  v.xClosed = h("input", { id: "ph-x-closed", type: "checkbox", checked: true,
    onchange: () => { v.xHours.hidden = v.xClosed.checked; } });
  v.xOpens = h("input", { id: "ph-x-opens", type: "time", step: "300", value: "09:00" });
  v.xCloses = h("input", { id: "ph-x-closes", type: "time", step: "300", value: "12:00" });
  v.xHours = h("div", { class: "cw-pair", id: "ph-x-hours", hidden: true },
    field("Ouvre à", v.xOpens), field("Ferme à", v.xCloses));
  v.xLabel = h("input", { id: "ph-x-label", maxlength: "120", autocomplete: "off", placeholder: "Par exemple : Noël" });
  v.xError = h("p", { class: "field-error", id: "ph-exception-error", role: "alert", hidden: true });
  return h("form", { id: "ph-exception-form", class: "cw-form", novalidate: true,
    "aria-labelledby": "ph-exception-title", onsubmit: (event) => addDay(event, v, alive, reload) },
  h("h3", { id: "ph-exception-title", text: "Ajouter un jour particulier" }),
  h("label", { for: "ph-x-date", text: "Jour" }), v.xDate,
  h("label", { class: "check", for: "ph-x-closed" }, v.xClosed, " Fermé toute la journée"),
  v.xHours,
  h("label", { for: "ph-x-label", text: "Motif (facultatif)" }), v.xLabel, v.xError,
  h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", text: "Ajouter le jour particulier" })));
}

async function addDay(event, v, alive, reload) {
  event.preventDefault();
  const date = v.xDate.value;
  const label = v.xLabel.value.trim();
  if (!date) {
    fieldError(v.xError, "Choisissez le jour.");
    return;
  }
  const body = { date, closed: v.xClosed.checked };
  if (!body.closed) {
    body.opens = v.xOpens.value;
    body.closes = v.xCloses.value;
    if (!body.opens || !body.closes || body.opens >= body.closes) {
      fieldError(v.xError, "L'heure de fermeture doit suivre l'heure d'ouverture.");
      return;
    }
  }
  if (label) body.label = label;
  const result = await send("POST", "/api/places/" + encodeURIComponent(v.site) + "/hours/exceptions", body);
  if (!alive()) return;
  if (!result.ok) {
    fieldError(v.xError, result.status === 409 ? "Ce jour a déjà un horaire particulier : supprimez-le d'abord."
      : refusal(result));
    return;
  }
  fieldError(v.xError, "");
  v.xLabel.value = "";
  notice(v.notice, "Jour particulier ajouté : " + placeDay(date) + ".", false);
  await reload();
}

/** The list of v.exceptions, keyed by id: a refresh changes only the rows that changed. */
export function drawDays(v, alive, reload) {
  const list = v.exceptionList;
  if (!v.exceptions.length) {
    list.replaceChildren(h("li", { class: "empty", text: "Aucun jour particulier." }));
    return;
  }
  list.querySelectorAll(":scope > .empty").forEach((e) => e.remove());
  keyed(list, v.exceptions, (e) => e.id, () => {
    const row = h("li", { class: "cw-item exception" }, h("span"));
    row.append(h("button", { type: "button", class: "remove", text: "Supprimer", onclick: () => {
      const exception = v.exceptions.find((e) => String(e.id) === row.dataset.key);
      if (exception) deleteDay(exception, v, alive, reload);
    } }));
    return row;
  }, (row, e) => {
    const hours = e.closed ? "fermé" : "ouvert de " + e.opens + " à " + e.closes;
    text(row.firstChild, placeDay(e.date) + " : " + hours + (e.label ? " (" + e.label + ")" : ""));
    row.lastChild.setAttribute("aria-label", "Supprimer le jour particulier du " + placeDay(e.date));
  });
}

async function deleteDay(exception, v, alive, reload) {
  if (!(await confirmAction("Supprimer le jour particulier du " + placeDay(exception.date) + " ?", "Supprimer"))) return;
  if (!alive()) return;
  const result = await send("DELETE", "/api/places/" + encodeURIComponent(v.site) + "/hours/exceptions/"
    + encodeURIComponent(exception.id));
  if (!alive()) return;
  notice(v.notice, result.ok ? "Jour particulier supprimé." : refusal(result), !result.ok);
  await reload();
}
