// The legacy pages' entry points (dashboard.js and the scripts it leads), reached through window until
// session 3 replaces them by screens. The module session drives them: one login, one logout for both.

const LEGACY_PAGES = ["fleet", "coworking", "queue", "workshops", "appointments", "place-hours", "van-tour"];

/** After a login or a found session: the legacy pages load theirs. */
export function legacyLoggedIn(me) {
  if (typeof window.loggedIn === "function") window.loggedIn(me);
}

/** Shows the login form (with a message) and clears every legacy page; it then fires "relais:logged-out". */
export function showLogin(message) {
  if (typeof window.showLogin === "function") window.showLogin(message);
  else document.dispatchEvent(new CustomEvent("relais:logged-out"));
}

/** While a module screen is shown, no legacy page is, and the legacy nav marks none as current. */
export function hideLegacyPages() {
  for (const id of LEGACY_PAGES) {
    const page = document.getElementById(id);
    if (page) page.hidden = true;
  }
  document.querySelectorAll("#views a").forEach((link) => link.setAttribute("aria-current", "false"));
  document.body.classList.remove("on-coworking", "on-tour-page");
}
