// Ateliers: the "Nouvel atelier" form (a professional one included), checked in words before it is sent.
import { h } from "../lib/dom.js";
import { field, parisTime, refusal, saidMissing, send } from "../lib/place-bookings.js";

const REQUIRED = [["ws-f-title", "le titre"], ["ws-f-topic", "le thème"], ["ws-f-date", "le jour"],
  ["ws-f-from", "l'heure de début"], ["ws-f-to", "l'heure de fin"], ["ws-f-seats", "le nombre de places"]];

/** The form; created(workshop) is called once the hub made it; site() says for which place. */
export function workshopForm(site, created) {
  const input = (id, attrs) => h("input", { id, autocomplete: "off", ...attrs });
  const level = h("select", { id: "ws-f-level" }, h("option", { value: "beginner", text: "Débutant" }),
    h("option", { value: "intermediate", text: "Intermédiaire" }), h("option", { value: "advanced", text: "Avancé" }));
  const error = h("p", { class: "field-error", id: "ws-form-error", role: "alert", hidden: true });
  const professional = h("input", { id: "ws-f-pro", type: "checkbox" });
  const form = h("form", { id: "ws-form", class: "cw-form", novalidate: true, "aria-labelledby": "ws-form-title" },
    h("h3", { id: "ws-form-title", text: "Nouvel atelier" }),
    field("Titre", input("ws-f-title", { maxlength: "160",
      placeholder: "Par exemple : Premiers pas avec l'ordinateur" })),
    field("Thème", input("ws-f-topic", { maxlength: "80", placeholder: "Par exemple : Courriel" })),
    field("Niveau", level),
    field("Jour", input("ws-f-date", { type: "date" })),
    h("div", { class: "cw-pair" },
      h("div", {}, ...field("De", input("ws-f-from", { type: "time", step: "300" }))),
      h("div", {}, ...field("À", input("ws-f-to", { type: "time", step: "300" })))),
    field("Nombre de places", input("ws-f-seats", { type: "number", min: "1", max: "500", value: "8",
      inputmode: "numeric" })),
    field("Salle (facultatif)", input("ws-f-place", { maxlength: "160",
      placeholder: "Par exemple : Salle informatique" })),
    h("label", { class: "check", for: "ws-f-pro" }, professional, " Atelier professionnel"),
    error,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", text: "Créer l'atelier" })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (id) => form.querySelector("#" + id).value.trim();
    if (saidMissing(form, error, REQUIRED)) return;
    const body = { site: site(), title: value("ws-f-title"), topic: value("ws-f-topic"), level: value("ws-f-level"),
      start: parisTime(value("ws-f-date"), value("ws-f-from")), end: parisTime(value("ws-f-date"), value("ws-f-to")),
      seats: Number(value("ws-f-seats")), professional: professional.checked };
    if (value("ws-f-place")) body.place = value("ws-f-place");
    const result = await send("POST", "/api/workshops", body);
    if (!result.ok) {
      error.textContent = refusal(result);
      error.hidden = false;
      return;
    }
    error.hidden = true;
    form.reset();
    await created(result.body);
  });
  return form;
}
