// The alerts on the dashboard: the ones not yet cleared, worst and newest first, each with what a
// technician can do about it: take it in hand (acknowledge) or close it by hand saying why
// (clear; the API requires a reason). The account logged in is who does it. Loaded before
// dashboard.js, whose api(), element(), since(), refresh() and role it uses once the page runs.
"use strict";

const SEVERITY_LABELS = { critical: "Critique", warning: "À surveiller", info: "Info" };
const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 };

const alertsView = {
  list: [],          // the last answer of GET /api/alerts?state=active
  clearing: null,    // the alert whose "Clôturer" form is open; one at a time
  form: null,        // that form, kept across redraws so what is typed survives the refresh
  busy: new Set(),   // alerts with a request in flight: their buttons are disabled (no double send)
  focusAfter: null,  // { id, cls } of a button to focus after the next redraw
};

/** Forgets everything of the session: on logout the list goes with it. */
function resetAlerts() {
  alertsView.list = [];
  alertsView.clearing = null;
  alertsView.form = null;
  alertsView.busy.clear();
  alertsView.focusAfter = null;
  document.getElementById("alerts").replaceChildren();
  alertNotice("", false);
}

/** A fresh answer from the hub: drawn at once, an open form carried over. */
function showAlerts(alerts) {
  const { clearing, busy } = alertsView;
  // Gone while its form was open (cleared by the hub or by a colleague), and not by our own request.
  if (clearing !== null && !busy.has(clearing) && !alerts.some((alert) => alert.id === clearing)) {
    closeForm();
    alertNotice("Cette alerte a été clôturée entre-temps : rien d'autre à faire.", false);
  }
  alertsView.list = alerts;
  drawAlerts();
}

function drawAlerts() {
  const focused = document.activeElement;
  const { form } = alertsView;
  const typing = form && form.contains(focused) ? focused : null;
  const caret = typing && typing.tagName === "INPUT" ? [typing.selectionStart, typing.selectionEnd] : null;
  let refocus = alertsView.focusAfter;
  alertsView.focusAfter = null;
  const row = focused && focused.closest ? focused.closest("li.alert") : null;
  if (!refocus && !typing && row && focused.tagName === "BUTTON") {
    refocus = { id: row.dataset.alert, cls: focused.className };
  }
  document.getElementById("alerts").replaceChildren(renderAlerts(alertsView.list));
  // Rebuilding every 5 s must not throw a keyboard or screen-reader user back to the top.
  if (typing) {
    typing.focus();
    if (caret) typing.setSelectionRange(caret[0], caret[1]);
  } else if (refocus) {
    const button = document.querySelector("li.alert[data-alert=\"" + CSS.escape(refocus.id) + "\"] button."
      + CSS.escape(refocus.cls.split(" ")[0]));
    if (button) button.focus();
  }
}

function renderAlerts(alerts) {
  const list = element("ul", "alerts");
  [...alerts].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
      || b.openedAt.localeCompare(a.openedAt))
    .forEach((alert) => {
      const item = element("li", "alert " + alert.severity);
      item.dataset.alert = alert.id;
      item.append(element("span", "health", SEVERITY_LABELS[alert.severity] || alert.severity));
      const title = element("strong", null, [alert.site, alert.node, alert.device].filter(Boolean).join(" / "));
      title.id = "alert-title-" + alert.id;
      item.append(title);
      item.append(element("span", "metrics", alert.message + " — " + since(alert.openedAt)
        + (alert.state === "acknowledged" ? ", prise en charge par " + alert.acknowledgedBy : "")
        + (alert.flapping ? ", instable" : "")));
      // Only those who look after the fleet act on alerts: a viewer or a manager reads them.
      if (role === "admin" || role === "technician") item.append(alertActions(alert));
      list.append(item);
    });
  return list;
}

function alertActions(alert) {
  const actions = element("div", "actions");
  const busy = alertsView.busy.has(alert.id);
  if (alert.state === "open") {
    actions.append(button("acknowledge", "Prendre en charge", alert, busy,
      () => changeAlert(alert.id, "ack", {}, "Alerte prise en charge.")));
  }
  if (alertsView.clearing === alert.id && alertsView.form) {
    actions.append(alertsView.form);
  } else {
    actions.append(button("clear", "Clôturer…", alert, busy, () => openForm(alert.id)));
  }
  return actions;
}

function button(cls, label, alert, disabled, onClick) {
  const node = element("button", cls, label);
  node.type = "button";
  node.disabled = disabled;
  // Every row has the same two buttons: say which alert each one is about.
  node.setAttribute("aria-describedby", "alert-title-" + alert.id);
  node.addEventListener("click", onClick);
  return node;
}

function openForm(id) {
  alertsView.clearing = id;
  alertsView.form = clearForm(id);
  drawAlerts();
  alertsView.form.querySelector("input").focus();
}

function closeForm() {
  alertsView.clearing = null;
  alertsView.form = null;
}

function clearForm(id) {
  const form = element("form", "clear-form");
  form.noValidate = true;
  const field = element("input");
  field.id = "clear-comment-" + id;
  field.maxLength = 2000;
  field.autocomplete = "off";
  const label = element("label", null, "Pourquoi clôturez-vous cette alerte ?");
  label.htmlFor = field.id;
  const problem = element("p", "field-error");
  problem.id = field.id + "-error";
  problem.hidden = true;
  field.setAttribute("aria-describedby", problem.id);
  const submit = element("button", "confirm", "Clôturer l'alerte");
  submit.type = "submit";
  const cancel = element("button", "cancel", "Annuler");
  cancel.type = "button";
  cancel.addEventListener("click", () => {
    closeForm();
    alertsView.focusAfter = { id, cls: "clear" };
    drawAlerts();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const why = field.value.trim();
    if (!why) {
      // Said beside the field, where the eyes (and the screen reader) are, not at the top of the page.
      problem.textContent = "Dites en quelques mots pourquoi, par exemple : cartouche changée.";
      problem.hidden = false;
      field.setAttribute("aria-invalid", "true");
      field.focus();
      return;
    }
    problem.hidden = true;
    field.removeAttribute("aria-invalid");
    changeAlert(id, "clear", { comment: why }, "Alerte clôturée.");
  });
  form.append(label, field, problem, submit, cancel);
  return form;
}

function alertNotice(text, isError) {
  const notice = document.getElementById("alert-notice");
  // Emptied first: the same sentence twice in a row is announced twice.
  notice.textContent = "";
  notice.className = text ? (isError ? "error" : "done") : "";
  notice.textContent = text;
}

/** What to tell a technician when the hub refuses: in French, and what to do next. */
function refusal(status) {
  if (status === 409) return "Un collègue a déjà pris en charge ou clôturé cette alerte : la liste est mise à jour.";
  if (status === 403) return "Votre compte ne permet pas de modifier les alertes.";
  if (status === 404) return "Cette alerte n'existe plus : la liste est mise à jour.";
  return "Le hub a refusé (erreur " + status + ") : réessayez dans un instant.";
}

async function changeAlert(id, action, body, done) {
  if (alertsView.busy.has(id)) return;
  alertsView.busy.add(id);
  drawAlerts();
  let settled = false;
  try {
    const response = await api("/api/alerts/" + encodeURIComponent(id) + "/" + action, "POST", body);
    if (response.ok) {
      if (action === "clear" && alertsView.clearing === id) closeForm();
      alertsView.focusAfter = action === "ack" ? { id, cls: "clear" } : null;
      alertNotice(done, false);
    } else {
      const answer = await response.text();
      console.info("alert " + id + " " + action + ": HTTP " + response.status + " " + answer);
      if (response.status === 409 || response.status === 404) {
        if (alertsView.clearing === id) closeForm();
      }
      alertNotice(refusal(response.status), true);
    }
    settled = true;
  } catch (error) {
    if (!(error instanceof LoggedOut)) alertNotice("Le hub ne répond pas : " + error.message, true);
  } finally {
    alertsView.busy.delete(id);
  }
  if (settled) refresh(); else drawAlerts();
}
