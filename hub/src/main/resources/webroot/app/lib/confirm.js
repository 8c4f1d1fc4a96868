// "Are you sure?" in the page's own words, with a <dialog> (keyboard and screen readers handle it), never
// window.confirm (whose text the browser frames as the site's and which some kiosks' browsers block).
import { h } from "./dom.js";

/**
 * Resolves true when "yes" is chosen, false on "Annuler" or Escape. The dialog is made for the question
 * and removed after, so a screen that is left while it is open leaves nothing behind.
 */
export function confirmAction(question, yes = "Confirmer", danger = true) {
  return new Promise((resolve) => {
    const text = h("p", { id: "confirm-text", text: question });
    const dialog = h("dialog", { id: "confirm", "aria-labelledby": "confirm-text" },
      h("form", { method: "dialog" }, text,
        h("div", { class: "actions" },
          h("button", { value: "yes", id: "confirm-yes", class: danger ? "danger" : "primary", text: yes }),
          h("button", { value: "no", id: "confirm-no", class: "cancel", text: "Annuler" }))));
    dialog.addEventListener("close", () => {
      resolve(dialog.returnValue === "yes");
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector("#confirm-no").focus();
  });
}
