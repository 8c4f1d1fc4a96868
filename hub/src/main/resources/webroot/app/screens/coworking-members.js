// The "Membres" tab: the list (search, status), adding a member, one member's page (plan, badges,
// suspension, revocation). The badges and their enrolment are in coworking-badges.js.
import { h, keyed, text } from "../lib/dom.js";
import { confirmAction } from "../lib/confirm.js";
import { LoggedOut, api } from "../lib/http.js";
import { MEMBER_STATUS_LABELS, action, field, fillSelect, listAll, problemLine, refusal, send }
  from "./coworking-common.js";
import { badgeSection } from "./coworking-badges.js";

export function create(cw) {
  const state = { open: null, busy: false, enrolment: null };
  const search = h("input", { id: "cw-search", type: "search", placeholder: "Chercher un nom, une entreprise…",
    autocomplete: "off", oninput: () => drawList() });
  const status = h("select", { id: "cw-status-filter", onchange: () => drawList() },
    ...[["", "Tous les statuts"], ["active", "Actifs"], ["suspended", "Suspendus"], ["revoked", "Révoqués"]]
      .map(([value, label]) => h("option", { value, text: label })));
  const add = h("button", { type: "button", id: "cw-add-member", class: "primary", text: "Ajouter un membre",
    onclick: () => showForm(true) });
  const name = h("input", { maxlength: "200", autocomplete: "off", required: true });
  const org = h("input", { maxlength: "200", autocomplete: "off" });
  const email = h("input", { type: "email", maxlength: "200", autocomplete: "off" });
  const plan = h("select", { class: "cw-plan-select" });
  const formProblem = problemLine("cw-member-error");
  const form = h("form", { id: "cw-member-form", class: "cw-form", hidden: true, novalidate: true,
    "aria-labelledby": "cw-member-form-title", onsubmit: (event) => addMember(event) },
  h("h3", { id: "cw-member-form-title", text: "Nouveau membre" }),
  ...field("cw-m-name", "Nom et prénom", name), ...field("cw-m-org", "Entreprise (facultatif)", org),
  ...field("cw-m-email", "Courriel (facultatif)", email), ...field("cw-m-plan", "Formule", plan), formProblem,
  h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", text: "Enregistrer le membre" }),
    h("button", { type: "button", class: "cancel", id: "cw-member-cancel", text: "Annuler",
      onclick: () => { showForm(false); add.focus(); } })));
  const list = h("ul", { id: "cw-member-list", class: "cw-list", "aria-label": "Membres" });
  const empty = h("p", { class: "empty", hidden: true });
  const listView = h("div", { id: "cw-member-list-view" },
    h("div", { class: "cw-bar" },
      h("label", { for: "cw-search", class: "visually-hidden", text: "Chercher un membre" }), search,
      h("label", { for: "cw-status-filter", class: "visually-hidden", text: "Statut" }), status, add),
    form, empty, list);
  const detail = h("div", { id: "cw-member-detail", hidden: true });
  const panel = h("div", {}, listView, detail);

  function drawList() {
    fillSelect(plan, cw.plans.map((p) => [p.id, p.name]), "Sans formule");
    const words = search.value.trim().toLocaleLowerCase("fr");
    const shown = cw.members.filter((m) => (!status.value || m.status === status.value) && (!words
      || [m.name, m.organisation, m.email].some((t) => t && t.toLocaleLowerCase("fr").includes(words))));
    empty.hidden = shown.length > 0;
    text(empty, cw.members.length ? "Aucun membre ne correspond."
      : "Pas encore de membre : ajoutez-en un avec le bouton ci-dessus.");
    // Keyed rows: a refresh changes a row in place, so the row the keyboard is on keeps the focus.
    keyed(list, shown, (m) => m.id, (m) => {
      const row = h("button", { type: "button", class: "cw-row", "data-member": m.id, onclick: () => openMember(m.id) },
        h("strong"), h("span"), h("span", { class: "detail" }));
      return h("li", {}, row);
    }, (item, m) => {
      item.className = "cw-item member " + m.status;
      const [strong, badge, more] = item.firstChild.children;
      text(strong, m.name);
      badge.className = "status " + m.status;
      text(badge, MEMBER_STATUS_LABELS[m.status] || m.status);
      text(more, [m.organisation, cw.planName(m.planId)].filter(Boolean).join(" · "));
    });
  }

  function stopEnrolment() {
    if (state.enrolment) state.enrolment.stop();
  }

  function closeDetail() {
    state.open = null;
    stopEnrolment();
    state.enrolment = null;
    detail.hidden = true;
    detail.replaceChildren();
    listView.hidden = false;
  }

  async function openMember(id) {
    state.open = id;
    listView.hidden = true;
    detail.hidden = false;
    await drawMember();
    const title = detail.querySelector("h3");
    if (title) title.focus();
  }

  async function drawMember() {
    const id = state.open;
    const mine = cw.session;
    let member;
    let badges;
    try {
      const response = await api("/api/coworking/members/" + encodeURIComponent(id));
      if (!response.ok) throw new Error("HTTP " + response.status);
      member = await response.json();
      badges = await listAll(null, "/api/coworking/members/" + encodeURIComponent(id) + "/badges");
    } catch (error) {
      if (mine === cw.session && !(error instanceof LoggedOut)) {
        cw.notice("Impossible de lire ce membre : " + error.message, true);
      }
      return;
    }
    if (mine !== cw.session || state.open !== id) return;
    stopEnrolment();
    const back = h("button", { type: "button", class: "back", text: "← Tous les membres",
      onclick: () => { closeDetail(); drawList(); } });
    const line = h("p", { class: "status-line" },
      h("span", { class: "status " + member.status, text: MEMBER_STATUS_LABELS[member.status] || member.status }));
    if (member.organisation) line.append(" " + member.organisation);
    if (member.email) line.append(" · " + member.email);
    if (member.packDaysLeft !== null && member.packDaysLeft !== undefined) {
      line.append(h("span", { class: "days-left", text: "Jours restants sur le carnet : " + member.packDaysLeft }));
    }
    const badgePart = badgeSection(cw, member, badges, write);
    state.enrolment = badgePart.enrolment;
    detail.replaceChildren(back, h("h3", { tabindex: "-1", text: member.name }), line, planChooser(member),
      badgePart.section, memberActions(member));
  }

  function planChooser(member) {
    const select = h("select", { id: "cw-d-plan" });
    fillSelect(select, cw.plans.map((p) => [p.id, p.name]), "Sans formule");
    select.value = member.planId || "";
    const revoked = member.status === "revoked";
    select.disabled = revoked;
    return h("form", { class: "cw-form inline", novalidate: true, onsubmit: (event) => {
      event.preventDefault();
      changeMember(member, { planId: select.value || null }, "Formule changée : " + cw.planName(select.value) + ".");
    } }, h("label", { for: "cw-d-plan", text: "Formule" }), select,
    h("button", { type: "submit", class: "primary", text: "Changer de formule", disabled: revoked }));
  }

  function memberActions(member) {
    const actions = h("div", { class: "actions member-actions" });
    if (member.status === "active") {
      actions.append(action("Suspendre le membre", "", async () => {
        if (await confirmAction("Suspendre " + member.name + " ? Ses badges n'ouvriront plus les portes"
          + " jusqu'à sa réactivation.", "Suspendre")) {
          changeMember(member, { status: "suspended" }, member.name + " est suspendu.");
        }
      }));
    }
    if (member.status === "suspended") {
      actions.append(action("Réactiver le membre", "primary",
        () => changeMember(member, { status: "active" }, member.name + " est de nouveau actif.")));
    }
    if (member.status !== "revoked") {
      actions.append(action("Révoquer le membre", "danger", async () => {
        if (await confirmAction("Révoquer " + member.name + " ? C'est définitif : ses badges n'ouvriront plus"
          + " jamais les portes.", "Révoquer définitivement")) {
          changeMember(member, { status: "revoked" }, member.name + " est révoqué.");
        }
      }));
    }
    return actions;
  }

  function changeMember(member, patch, done) {
    return write(() => send("PATCH", "/api/coworking/members/" + encodeURIComponent(member.id), patch), done);
  }

  /** One write at a time, then the member's page (or the list) drawn again from the hub. */
  async function write(sendIt, done) {
    if (state.busy) return;
    state.busy = true;
    try {
      const result = await sendIt();
      cw.notice(result.ok ? done : refusal(result), !result.ok);
      await cw.refresh();
      if (state.open !== null) await drawMember();
    } catch (error) {
      cw.failed(error);
    } finally {
      state.busy = false;
    }
  }

  function showForm(show) {
    form.hidden = !show;
    add.hidden = show;
    formProblem.say("");
    if (show) name.focus();
  }

  async function addMember(event) {
    event.preventDefault();
    if (!name.value.trim()) {
      formProblem.say("Saisissez le nom du membre.", name, form);
      return;
    }
    formProblem.say("", null, form);
    const body = { site: cw.site, name: name.value.trim() };
    if (org.value.trim()) body.organisation = org.value.trim();
    if (email.value.trim()) body.email = email.value.trim();
    if (plan.value) body.planId = plan.value;
    try {
      const result = await send("POST", "/api/coworking/members", body);
      if (!result.ok) {
        formProblem.say(refusal(result));
        return;
      }
      form.reset();
      showForm(false);
      cw.notice(body.name + " est ajouté. Ajoutez-lui un badge.", false);
      await cw.refresh();
      if (result.body && result.body.id) await openMember(result.body.id);
    } catch (error) {
      cw.failed(error);
    }
  }

  return {
    panel,
    /** Drawn with each refresh; a member's page open stays as it is (it is read again after an action). */
    async draw() {
      if (state.open === null) drawList();
      else if (state.enrolment) await state.enrolment.poll();
    },
    stop: stopEnrolment,
    reset() {
      closeDetail();
      drawList();
    },
  };
}
