// The screens of issue 13 not built yet: their address works, and says so in words.
import { h } from "../lib/dom.js";

export const title = "Écran en préparation";

export function mount(el, params) {
  el.append(h("h2", { text: params.title || title }),
    h("p", { class: "preparation", text: params.unknown ? "Cette adresse ne correspond à aucun écran."
      : "Écran en préparation : il arrive bientôt." }),
    h("p", {}, h("a", { href: "#/territoire", text: "Revenir au territoire" })));
}

export function unmount() {}
