// An address that names no screen ("#/quelque-chose"): said in words, with the way back.
import { h } from "../lib/dom.js";

export const title = "Page inconnue";

export function mount(el) {
  el.append(h("h2", { text: title }),
    h("p", { class: "unknown", text: "Cette adresse ne correspond à aucun écran." }),
    // "#" leads to the account's first screen, whatever its role.
    h("p", {}, h("a", { href: "#", id: "back-home", text: "Revenir à l'accueil" })));
}

export function unmount() {}
