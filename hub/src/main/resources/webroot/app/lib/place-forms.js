// What the pages of those who run a place (Coworking, File d'attente, Ateliers, Rendez-vous, Horaires, Tournée)
// do alike with their forms: who runs them, a write whose answer each caller puts in plain words, the notice
// line, a form's error line, and a <select> that a refresh does not close under a thumb.
import { h, text } from "./dom.js";
import { api } from "./http.js";

const RUNS = ["admin", "technician", "manager", "mediator"];

/** Who runs a place's pages: a mediator or a manager at their place, technicians and admins anywhere. */
export function runsPlaces(role) {
  return RUNS.includes(role);
}

/** A write: { ok, status, body } whatever the answer, the body read when it is JSON. */
export async function send(method, path, body) {
  const response = await api(path, method, body);
  let answer = null;
  try {
    answer = await response.json();
  } catch (notJson) {
    answer = null;
  }
  return { ok: response.ok, status: response.status, body: answer };
}

/**
 * The hub's refusal in plain French, for a person who does not read HTTP codes. The coworking and tour APIs
 * explain a conflict in words for developers, so it is introduced ("Impossible : …"); lib/place-bookings.js
 * has the queue's and bookings' variant, whose hub writes its refusals for people.
 */
export function refusal(result) {
  const said = result.body && result.body.error;
  if (result.status === 403) return "Votre compte ne permet pas de faire cela.";
  if (result.status === 404) return "Introuvable : quelqu'un l'a peut-être supprimé. La liste est mise à jour.";
  if (result.status === 400) return "Le hub a refusé ces informations : " + (said || "vérifiez-les.");
  if (result.status === 409) return "Impossible : " + (said || "cela entre en conflit avec autre chose.");
  return "Le hub a refusé (erreur " + result.status + ") : réessayez dans un instant.";
}

/** The page's notice line ("place-notice", role status): done in green, an error in red; empty hides it. */
export function notice(element, words, isError) {
  element.className = "place-notice" + (words ? (isError ? " error" : " done") : "");
  text(element, words || "");
}

/** A form's error line, beside its button. */
export function fieldError(element, words) {
  element.hidden = !words;
  text(element, words || "");
}

/**
 * Fills a <select> keeping what was chosen when it is still there; rebuilt only when the choices changed,
 * so that a list open under a thumb does not close when the data is read again.
 */
export function fillSelect(select, options, emptyLabel) {
  const signature = JSON.stringify([emptyLabel, options]);
  if (select.dataset.options === signature) return;
  select.dataset.options = signature;
  const chosen = select.value;
  const nodes = [];
  if (emptyLabel !== undefined) nodes.push(h("option", { value: "", text: emptyLabel }));
  for (const [value, label] of options) nodes.push(h("option", { value, text: label }));
  select.replaceChildren(...nodes);
  if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
}
