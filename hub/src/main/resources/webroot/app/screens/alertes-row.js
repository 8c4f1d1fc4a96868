// An alert's row on the Alertes screen: its words (where, what, since when, who took it in hand) and, for those who
// act on alerts, its buttons and its one comment form. createRow builds it once per alert id; updateRow changes
// its words and which buttons show, and leaves an open form and what is typed in it as they are.
import { h, text } from "../lib/dom.js";
import { dateAndTime } from "../lib/format.js";
import { href } from "../routes.js";
import { ALERT_STATE_WORDS, SEVERITY_WORDS } from "./pages.js";
import { NODE_ITSELF } from "./equipement.js";

export function createRow(alert, screen) {
  const id = "alert-" + alert.id;
  const row = h("li", { class: "alert-item" },
    h("div", { class: "alert-head" }, h("span", { class: "health-word" }),
      h("strong", { class: "alert-where", id: id + "-title" }), h("a", { class: "alert-device" })),
    h("p", { class: "alert-message" }), h("p", { class: "alert-state" }), h("p", { class: "alert-comments" }));
  if (!screen.acts) return row;
  const ack = h("button", { type: "button", class: "acknowledge", "aria-describedby": id + "-title",
    text: "Prendre en charge…" });
  const clear = h("button", { type: "button", class: "clear", "aria-describedby": id + "-title", text: "Clôturer…" });
  const field = h("input", { id: id + "-comment", class: "comment", maxlength: "2000", autocomplete: "off" });
  const label = h("label", { for: field.id, class: "comment-label" });
  const problem = h("p", { class: "field-error", id: field.id + "-error", hidden: true });
  field.setAttribute("aria-describedby", problem.id);
  const confirm = h("button", { type: "submit", class: "confirm" });
  const cancel = h("button", { type: "button", class: "cancel", text: "Annuler" });
  const form = h("form", { class: "alert-form", hidden: true, novalidate: true }, label, field, problem,
    h("div", { class: "form-buttons" }, confirm, cancel));
  const open = (mode) => {
    // One form at a time, as a reason belongs to one alert; what was typed in another stays in its field.
    screen.list.querySelectorAll(".alert-form").forEach((other) => {
      if (other !== form) other.hidden = true;
    });
    form.dataset.mode = mode;
    text(label, mode === "ack" ? "Commentaire (facultatif)" : "Pourquoi clôturez-vous cette alerte ?");
    text(confirm, mode === "ack" ? "Confirmer la prise en charge" : "Clôturer l'alerte");
    problem.hidden = true;
    field.removeAttribute("aria-invalid");
    form.hidden = false;
    field.focus();
  };
  ack.addEventListener("click", () => open("ack"));
  clear.addEventListener("click", () => open("clear"));
  cancel.addEventListener("click", () => {
    form.hidden = true;
    (ack.hidden ? clear : ack).focus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const comment = field.value.trim();
    if (form.dataset.mode === "clear" && !comment) {
      // Said beside the field, where the eyes (and the screen reader) are.
      text(problem, "Dites en quelques mots pourquoi, par exemple : cartouche changée.");
      problem.hidden = false;
      field.setAttribute("aria-invalid", "true");
      field.focus();
      return;
    }
    screen.act(row, form.dataset.mode, comment);
  });
  row.append(h("div", { class: "alert-actions" }, ack, clear), form);
  return row;
}

export function updateRow(row, alert, screen) {
  row.className = "alert-item severity-" + alert.severity + " state-" + alert.state;
  text(row.querySelector(".health-word"), SEVERITY_WORDS[alert.severity] || alert.severity);
  text(row.querySelector(".alert-where"), (screen.names.get(alert.site) || alert.site) + " · boîtier " + alert.node);
  const device = row.querySelector(".alert-device");
  device.setAttribute("href", href("equipement", alert.node, alert.device || NODE_ITSELF));
  text(device, alert.device ? "équipement " + alert.device : "le boîtier");
  text(row.querySelector(".alert-message"), alert.message + (alert.flapping ? " (instable)" : ""));
  text(row.querySelector(".alert-state"), (ALERT_STATE_WORDS[alert.state] || alert.state) + " · ouverte le "
    + dateAndTime(alert.openedAt) + (alert.acknowledgedBy ? " · prise en charge par " + alert.acknowledgedBy
    + " le " + dateAndTime(alert.acknowledgedAt) : "") + (alert.clearedAt ? " · clôturée le "
    + dateAndTime(alert.clearedAt)
    + (alert.clearedBy ? " par " + alert.clearedBy : " par le hub") : ""));
  const comments = [alert.ackComment ? "Prise en charge : « " + alert.ackComment + " »" : null,
    alert.clearComment ? "Clôture : « " + alert.clearComment + " »" : null].filter(Boolean);
  text(row.querySelector(".alert-comments"), comments.join(" · "));
  if (!screen.acts) return;
  // Only the buttons change with the state; an open form and what is typed in it stay as they are.
  row.querySelector("button.acknowledge").hidden = alert.state !== "open";
  row.querySelector("button.clear").hidden = alert.state === "cleared";
  if (alert.state === "cleared") row.querySelector(".alert-form").hidden = true;
}
