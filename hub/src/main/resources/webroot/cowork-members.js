// Members of the coworking place: the list (search, status), one member's page (plan, badges,
// suspension, revocation), adding one, and enrolling a badge by passing it on a reader: the hub
// keeps the unknown reads of the last 5 minutes, the manager picks the one that just appeared.
"use strict";

const BADGE_CLASS_LABELS = { member: "membre", staff: "personnel", maintenance: "maintenance" };
const BADGE_STATUS_LABELS = { active: "actif", suspended: "suspendu", revoked: "révoqué" };

const membersView = {
  open: null,          // id of the member whose page is shown
  enrolTimer: null,    // polls the unknown reads while the enrolment panel is open
  readsShown: "",      // ids of the reads drawn, so a poll that brings nothing new redraws nothing
  busy: false,         // a write in flight: no double send from a hurried thumb
};

async function drawMembers() {
  if (membersView.open !== null) return;
  const search = document.getElementById("cw-search").value.trim().toLocaleLowerCase("fr");
  const status = document.getElementById("cw-status-filter").value;
  const shown = cw.members.filter((m) => (!status || m.status === status) && (!search
      || [m.name, m.organisation, m.email].some((t) => t && t.toLocaleLowerCase("fr").includes(search))));
  const list = document.getElementById("cw-member-list");
  if (!shown.length) {
    list.replaceChildren(element("li", "empty", cw.members.length ? "Aucun membre ne correspond."
      : "Pas encore de membre : ajoutez-en un avec le bouton ci-dessus."));
    return;
  }
  const focusedId = document.activeElement && document.activeElement.dataset
    ? document.activeElement.dataset.member : undefined;
  list.replaceChildren(...shown.map((member) => {
    const item = element("li", "cw-item member " + member.status);
    const open = element("button", "cw-row");
    open.type = "button";
    open.dataset.member = member.id;
    open.append(element("strong", null, member.name));
    open.append(element("span", "status " + member.status, MEMBER_STATUS_LABELS[member.status] || member.status));
    open.append(element("span", "detail", [member.organisation, planName(member.planId)].filter(Boolean).join(" · ")));
    open.addEventListener("click", () => openMember(member.id));
    item.append(open);
    return item;
  }));
  if (focusedId) {
    const again = list.querySelector("button[data-member=\"" + CSS.escape(focusedId) + "\"]");
    if (again) again.focus();
  }
}

function closeMemberDetail() {
  membersView.open = null;
  stopEnrolment();
  document.getElementById("cw-member-detail").hidden = true;
  document.getElementById("cw-member-detail").replaceChildren();
  document.getElementById("cw-member-list-view").hidden = false;
}

async function openMember(id) {
  membersView.open = id;
  document.getElementById("cw-member-list-view").hidden = true;
  const detail = document.getElementById("cw-member-detail");
  detail.hidden = false;
  await drawMember();
  const title = detail.querySelector("h3");
  if (title) title.focus();
}

async function drawMember() {
  const id = membersView.open;
  const mine = cw.session;
  let member;
  let badges;
  try {
    const response = await api("/api/coworking/members/" + encodeURIComponent(id));
    if (!response.ok) throw new Error("HTTP " + response.status);
    member = await response.json();
    badges = await cwList("/api/coworking/members/" + encodeURIComponent(id) + "/badges", { site: null });
  } catch (error) {
    if (!(error instanceof LoggedOut)) cwNotice("Impossible de lire ce membre : " + error.message, true);
    return;
  }
  if (mine !== cw.session || membersView.open !== id) return;
  const detail = document.getElementById("cw-member-detail");
  const back = element("button", "back", "← Tous les membres");
  back.type = "button";
  back.addEventListener("click", () => {
    closeMemberDetail();
    drawMembers();
  });
  const title = element("h3", null, member.name);
  title.tabIndex = -1;
  const status = element("p", "status-line");
  status.append(element("span", "status " + member.status, MEMBER_STATUS_LABELS[member.status] || member.status));
  if (member.organisation) status.append(" " + member.organisation);
  if (member.email) status.append(" · " + member.email);
  if (member.packDaysLeft !== null && member.packDaysLeft !== undefined) {
    status.append(element("span", "days-left", "Jours restants sur le carnet : " + member.packDaysLeft));
  }
  detail.replaceChildren(back, title, status, planChooser(member), badgeSection(member, badges),
    memberActions(member));
}

function planChooser(member) {
  const form = element("form", "cw-form inline");
  form.noValidate = true;
  const select = element("select");
  select.id = "cw-d-plan";
  fillSelect(select, cw.plans.map((p) => [p.id, p.name]), "Sans formule");
  select.value = member.planId || "";
  const label = element("label", null, "Formule");
  label.htmlFor = select.id;
  const save = element("button", "primary", "Changer de formule");
  save.type = "submit";
  save.disabled = member.status === "revoked";
  select.disabled = member.status === "revoked";
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    changeMember(member, { planId: select.value || null }, "Formule changée : " + planName(select.value) + ".");
  });
  form.append(label, select, save);
  return form;
}

function badgeSection(member, badges) {
  const section = element("section", "badges");
  section.append(element("h4", null, "Badges"));
  const list = element("ul", "cw-list");
  if (!badges.length) list.append(element("li", "empty", "Aucun badge pour l'instant."));
  for (const badge of badges) {
    const item = element("li", "cw-item badge " + badge.status);
    item.dataset.badge = badge.id;
    item.append(element("strong", null, badgeLabel(badge.label)));
    item.append(element("span", "status " + badge.status, BADGE_STATUS_LABELS[badge.status] || badge.status));
    item.append(element("span", "detail", "badge " + (BADGE_CLASS_LABELS[badge.badgeClass] || badge.badgeClass)
      + (badge.validUntil ? ", valable jusqu'au " + frDay(badge.validUntil) : "")));
    const actions = element("div", "actions");
    if (badge.status === "active") {
      actions.append(action("Suspendre", "", () => changeBadge(badge, "suspended",
        "Suspendre le " + badgeLabel(badge.label) + " ? Il n'ouvrira plus les portes jusqu'à sa réactivation.",
        "Suspendre le badge")));
    }
    if (badge.status === "suspended") {
      actions.append(action("Réactiver", "", () => changeBadge(badge, "active", null, null)));
    }
    if (badge.status !== "revoked") {
      actions.append(action("Révoquer", "danger", () => changeBadge(badge, "revoked",
        "Révoquer le " + badgeLabel(badge.label) + " ? C'est définitif (badge perdu ou rendu).", "Révoquer le badge")));
    }
    item.append(actions);
    list.append(item);
  }
  section.append(list);
  if (member.status !== "revoked") section.append(enrolPanel(member));
  return section;
}

function action(label, cls, onClick) {
  const button = element("button", cls, label);
  button.type = "button";
  button.addEventListener("click", onClick);
  return button;
}

function memberActions(member) {
  const actions = element("div", "actions member-actions");
  if (member.status === "active") {
    actions.append(action("Suspendre le membre", "", async () => {
      if (await confirmAction("Suspendre " + member.name + " ? Ses badges n'ouvriront plus les portes"
        + " jusqu'à sa réactivation.", "Suspendre")) changeMember(member, { status: "suspended" }, member.name + " est suspendu.");
    }));
  }
  if (member.status === "suspended") {
    actions.append(action("Réactiver le membre", "primary",
      () => changeMember(member, { status: "active" }, member.name + " est de nouveau actif.")));
  }
  if (member.status !== "revoked") {
    actions.append(action("Révoquer le membre", "danger", async () => {
      if (await confirmAction("Révoquer " + member.name + " ? C'est définitif : ses badges n'ouvriront plus"
        + " jamais les portes.", "Révoquer définitivement")) changeMember(member, { status: "revoked" }, member.name + " est révoqué.");
    }));
  }
  return actions;
}

async function changeMember(member, patch, done) {
  await write(() => cwSend("PATCH", "/api/coworking/members/" + encodeURIComponent(member.id), patch), done);
}

async function changeBadge(badge, status, question, yesLabel) {
  if (question && !(await confirmAction(question, yesLabel))) return;
  const done = badgeLabel(badge.label) + (status === "active" ? " réactivé." : status === "suspended"
    ? " suspendu." : " révoqué.");
  await write(() => cwSend("PATCH", "/api/coworking/badges/" + encodeURIComponent(badge.id), { status }), done);
}

/** One write at a time, then the member's page drawn again from the hub. */
async function write(send, done) {
  if (membersView.busy) return;
  membersView.busy = true;
  try {
    const result = await send();
    cwNotice(result.ok ? done : cwRefusal(result), !result.ok);
    await loadShared();
    if (membersView.open !== null) await drawMember(); else await drawMembers();
  } catch (error) {
    if (!(error instanceof LoggedOut)) cwNotice("Le hub ne répond pas : " + error.message, true);
  } finally {
    membersView.busy = false;
  }
}

function enrolPanel(member) {
  const panel = element("div", "enrol");
  const start = action("Ajouter un badge", "primary", () => {
    start.hidden = true;
    steps.hidden = false;
    startEnrolment(member);
  });
  start.id = "cw-enrol-start";
  const steps = element("div", "enrol-steps");
  steps.hidden = true;
  const reader = element("select");
  reader.id = "cw-enrol-reader";
  const readers = cw.devices.filter((d) => d.kind === "badge-reader" || d.kind === "door");
  fillSelect(reader, readers.map((d) => [d.id, d.name || d.id]), "Tous les lecteurs");
  reader.addEventListener("change", () => pollUnknownReads(member));
  const readerLabel = element("label", null, "Lecteur");
  readerLabel.htmlFor = reader.id;
  const kind = element("select");
  kind.id = "cw-enrol-class";
  fillSelect(kind, Object.entries(BADGE_CLASS_LABELS).map(([value, label]) => [value, "Badge " + label]));
  const kindLabel = element("label", null, "Type de badge");
  kindLabel.htmlFor = kind.id;
  const say = element("p", "enrol-say", "Passez le badge sur le lecteur : il apparaît ci-dessous en quelques secondes.");
  const reads = element("ul", "cw-list reads");
  reads.id = "cw-unknown-reads";
  reads.setAttribute("aria-live", "polite");
  const stop = action("Terminer", "cancel", () => {
    stopEnrolment();
    steps.hidden = true;
    start.hidden = false;
    start.focus();
  });
  steps.append(say, reads, readerLabel, reader, kindLabel, kind, stop);
  panel.append(start, steps);
  return panel;
}

function startEnrolment(member) {
  stopEnrolment();
  membersView.readsShown = null;
  pollUnknownReads(member);
  membersView.enrolTimer = setInterval(() => pollUnknownReads(member), 3000);
}

function stopEnrolment() {
  clearInterval(membersView.enrolTimer);
  membersView.enrolTimer = null;
}

async function pollUnknownReads(member) {
  const list = document.getElementById("cw-unknown-reads");
  if (!list) return;
  const reader = document.getElementById("cw-enrol-reader").value;
  let reads;
  try {
    reads = await cwList("/api/coworking/unknown-reads", { reader });
  } catch (error) {
    if (!(error instanceof LoggedOut)) cwNotice("Le hub ne répond pas : " + error.message, true);
    return;
  }
  const shownNow = reader + "|" + reads.map((r) => r.id).join(",");
  if (shownNow === membersView.readsShown || !document.getElementById("cw-unknown-reads")) return;
  membersView.readsShown = shownNow;
  if (!reads.length) {
    list.replaceChildren(element("li", "empty waiting", "En attente d'un badge… (les lectures des 5 dernières minutes)"));
    return;
  }
  list.replaceChildren(...reads.map((read) => {
    const item = element("li", "cw-item read");
    item.dataset.read = read.id;
    item.append(element("strong", null, badgeLabel(read.label)));
    item.append(element("span", "detail", "lu à " + frTime(read.at) + " sur " + deviceName(read.reader)));
    const give = action("Attribuer à " + member.name, "primary", () => enrol(member, read));
    item.append(give);
    return item;
  }));
}

async function enrol(member, read) {
  const badgeClass = document.getElementById("cw-enrol-class").value || "member";
  stopEnrolment();
  await write(() => cwSend("POST", "/api/coworking/members/" + encodeURIComponent(member.id) + "/badges",
    { fromUnknownRead: read.id, badgeClass }), badgeLabel(read.label) + " attribué à " + member.name + ".");
}

function showMemberForm(show) {
  document.getElementById("cw-member-form").hidden = !show;
  document.getElementById("cw-add-member").hidden = show;
  document.getElementById("cw-member-error").hidden = true;
  if (show) document.getElementById("cw-m-name").focus();
}

async function addMember(event) {
  event.preventDefault();
  const name = document.getElementById("cw-m-name");
  const problem = document.getElementById("cw-member-error");
  if (!name.value.trim()) {
    problem.textContent = "Saisissez le nom du membre.";
    problem.hidden = false;
    name.setAttribute("aria-invalid", "true");
    name.focus();
    return;
  }
  name.removeAttribute("aria-invalid");
  const body = { site: cw.site, name: name.value.trim() };
  const organisation = document.getElementById("cw-m-org").value.trim();
  const email = document.getElementById("cw-m-email").value.trim();
  const planId = document.getElementById("cw-m-plan").value;
  if (organisation) body.organisation = organisation;
  if (email) body.email = email;
  if (planId) body.planId = planId;
  try {
    const result = await cwSend("POST", "/api/coworking/members", body);
    if (!result.ok) {
      problem.textContent = cwRefusal(result);
      problem.hidden = false;
      return;
    }
    document.getElementById("cw-member-form").reset();
    showMemberForm(false);
    cwNotice(body.name + " est ajouté. Ajoutez-lui un badge.", false);
    await loadShared();
    if (result.body && result.body.id) await openMember(result.body.id); else await drawMembers();
  } catch (error) {
    if (!(error instanceof LoggedOut)) cwNotice("Le hub ne répond pas : " + error.message, true);
  }
}

function startMembers() {
  document.getElementById("cw-search").addEventListener("input", drawMembers);
  document.getElementById("cw-status-filter").addEventListener("change", drawMembers);
  document.getElementById("cw-add-member").addEventListener("click", () => showMemberForm(true));
  document.getElementById("cw-member-cancel").addEventListener("click", () => {
    showMemberForm(false);
    document.getElementById("cw-add-member").focus();
  });
  document.getElementById("cw-member-form").addEventListener("submit", addMember);
}
