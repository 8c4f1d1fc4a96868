// A member's badges (suspend, reactivate, revoke) and the enrolment of a new one by passing it on a
// reader: the hub keeps the unknown reads of the last 5 minutes, the manager picks the one that just
// appeared. The list of reads is read when the panel opens, then at each door event of the place the live
// channel brings (an unknown badge is refused by the door, or read by a reader without door), and with the
// screen's refreshes (every 30 s while the live channel is down): no timer of its own.
import { confirmAction } from "../lib/confirm.js";
import { h, keyed, text } from "../lib/dom.js";
import { action, badgeLabel, field, fillSelect, frDay, frTime, listAll, send } from "./coworking-common.js";

const BADGE_CLASS_LABELS = { member: "membre", staff: "personnel", maintenance: "maintenance" };
const BADGE_STATUS_LABELS = { active: "actif", suspended: "suspendu", revoked: "révoqué" };

/** { section, enrolment }: write(send, done) is the member page's one-write-at-a-time. */
export function badgeSection(cw, member, badges, write) {
  const list = h("ul", { class: "cw-list" });
  if (!badges.length) list.append(h("li", { class: "empty", text: "Aucun badge pour l'instant." }));
  for (const badge of badges) {
    const actions = h("div", { class: "actions" });
    if (badge.status === "active") {
      actions.append(action("Suspendre", "", () => change(badge, "suspended",
        "Suspendre le " + badgeLabel(badge.label) + " ? Il n'ouvrira plus les portes jusqu'à sa réactivation.",
        "Suspendre le badge")));
    }
    if (badge.status === "suspended") actions.append(action("Réactiver", "", () => change(badge, "active")));
    if (badge.status !== "revoked") {
      actions.append(action("Révoquer", "danger", () => change(badge, "revoked",
        "Révoquer le " + badgeLabel(badge.label) + " ? C'est définitif (badge perdu ou rendu).", "Révoquer le badge")));
    }
    list.append(h("li", { class: "cw-item badge " + badge.status, "data-badge": badge.id },
      h("strong", { text: badgeLabel(badge.label) }),
      h("span", { class: "status " + badge.status, text: BADGE_STATUS_LABELS[badge.status] || badge.status }),
      h("span", { class: "detail", text: "badge " + (BADGE_CLASS_LABELS[badge.badgeClass] || badge.badgeClass)
        + (badge.validUntil ? ", valable jusqu'au " + frDay(badge.validUntil) : "") }),
      actions));
  }

  async function change(badge, status, question, yes) {
    if (question && !(await confirmAction(question, yes))) return;
    const done = badgeLabel(badge.label) + (status === "active" ? " réactivé." : status === "suspended"
      ? " suspendu." : " révoqué.");
    await write(() => send("PATCH", "/api/coworking/badges/" + encodeURIComponent(badge.id), { status }), done);
  }

  const section = h("div", { class: "badges" }, h("h4", { text: "Badges" }), list);
  const enrolment = member.status === "revoked" ? null : enrolPanel(cw, member, write);
  if (enrolment) section.append(enrolment.panel);
  return { section, enrolment };
}

function enrolPanel(cw, member, write) {
  let active = false;
  let asked = 0;
  const start = h("button", { type: "button", id: "cw-enrol-start", class: "primary", text: "Ajouter un badge",
    onclick: () => open() });
  const reader = h("select", { onchange: () => poll() });
  const readers = cw.devices.filter((d) => d.kind === "badge-reader" || d.kind === "door");
  fillSelect(reader, readers.map((d) => [d.id, d.name || d.id]), "Tous les lecteurs");
  // The place's only reader is the one the badge will be passed on.
  const badgeReaders = readers.filter((d) => d.kind === "badge-reader");
  if (badgeReaders.length === 1) reader.value = badgeReaders[0].id;
  const kind = h("select");
  fillSelect(kind, Object.entries(BADGE_CLASS_LABELS).map(([value, label]) => [value, "Badge " + label]));
  const reads = h("ul", { id: "cw-unknown-reads", class: "cw-list reads", "aria-live": "polite",
    "aria-label": "Badges lus à l'instant" });
  const stopButton = action("Terminer", "cancel", () => {
    stop();
    start.focus();
  });
  const steps = h("div", { class: "enrol-steps", hidden: true },
    h("p", { class: "enrol-say", text: "Passez le badge sur le lecteur : il apparaît ci-dessous en quelques secondes." }),
    reads, ...field("cw-enrol-reader", "Lecteur", reader), ...field("cw-enrol-class", "Type de badge", kind),
    stopButton);

  function open() {
    active = true;
    start.hidden = true;
    steps.hidden = false;
    reads.replaceChildren();
    poll();
  }

  function stop() {
    active = false;
    asked++;
    steps.hidden = true;
    start.hidden = false;
  }

  async function poll() {
    if (!active) return;
    const mine = ++asked;
    const session = cw.session;
    let found;
    try {
      found = await listAll(cw.site, "/api/coworking/unknown-reads", { reader: reader.value });
    } catch (error) {
      cw.failed(error);
      return;
    }
    if (!active || mine !== asked || session !== cw.session) return;
    const rows = found.length ? found : [{ waiting: true }];
    keyed(reads, rows, (r) => (r.waiting ? "" : r.id), (r) => (r.waiting
      ? h("li", { class: "empty waiting", text: "En attente d'un badge… (les lectures des 5 dernières minutes)" })
      : h("li", { class: "cw-item read", "data-read": r.id }, h("strong", { text: badgeLabel(r.label) }),
        h("span", { class: "detail" }),
        action("Attribuer à " + member.name, "primary", () => enrol(r)))), (item, r) => {
      if (!r.waiting) text(item.querySelector(".detail"), "lu à " + frTime(r.at) + " sur " + cw.deviceName(r.reader));
    });
  }

  function enrol(read) {
    const badgeClass = kind.value || "member";
    stop();
    return write(() => send("POST", "/api/coworking/members/" + encodeURIComponent(member.id) + "/badges",
      { fromUnknownRead: read.id, badgeClass }), badgeLabel(read.label) + " attribué à " + member.name + ".");
  }

  return { panel: h("div", { class: "enrol" }, start, steps), poll, stop };
}
