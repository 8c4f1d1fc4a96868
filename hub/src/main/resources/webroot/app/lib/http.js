// The API as every screen calls it: the session's CSRF token on writes, 401 back to the login form,
// and lists followed page by page through their Link header.

const MAX_PAGES = 50;
let csrfToken = null;
let whenLoggedOut = () => {};

/** Thrown once the session is over: the login form is already shown, the caller just stops. */
export class LoggedOut extends Error {}

/** Thrown for an answer that is not 2xx: status and the hub's own words. */
export class HttpError extends Error {
  constructor(path, status, reason) {
    super(reason ? reason + " (HTTP " + status + ")" : path + " : HTTP " + status);
    this.status = status;
  }
}

export function setSession(token, onLoggedOut) {
  csrfToken = token;
  if (onLoggedOut) whenLoggedOut = onLoggedOut;
}

export async function api(path, method = "GET", body = undefined) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken || "";
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, {
    method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && path !== "/api/login") {
    csrfToken = null;
    whenLoggedOut();
    throw new LoggedOut(path);
  }
  return response;
}

async function failure(path, response) {
  let reason = null;
  try {
    reason = (await response.json()).error || null;
  } catch (notJson) {
    // The status says enough.
  }
  return new HttpError(path, response.status, reason);
}

export async function getJson(path) {
  const response = await api(path);
  if (!response.ok) throw await failure(path, response);
  return response.json();
}

/** The next page's address from `Link: <…>; rel="next"`, or null on the last page. */
export function nextLink(header) {
  if (!header) return null;
  for (const part of header.split(",")) {
    const match = /<([^>]*)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return null;
}

/**
 * Every item of a list, following its Link header; the answer is an array or {items, next}.
 * After 50 pages it stops and says so ({items, complete: false}): the screen shows
 * "liste incomplète", never a silently cut list.
 */
export async function fetchAll(path) {
  const items = [];
  let url = path;
  for (let page = 0; page < MAX_PAGES && url; page++) {
    const response = await api(url);
    if (!response.ok) throw await failure(url, response);
    const answer = await response.json();
    items.push(...(Array.isArray(answer) ? answer : answer.items || []));
    url = nextLink(response.headers.get("Link")) || (Array.isArray(answer) ? null : answer.next || null);
  }
  return { items, complete: !url };
}

let document_ = null;

/**
 * Whether the hub serves an API path, from its own OpenAPI document (which OpenApiDocumentTest keeps
 * equal to its routes): a screen asks before calling a route another work package may not have
 * delivered yet, instead of logging a 404 in the console.
 */
export async function hubHas(apiPath) {
  if (document_ === null) {
    document_ = api("/api/openapi.yaml").then((r) => (r.ok ? r.text() : "")).catch(() => "");
  }
  const text = await document_;
  if (!text) document_ = null; // not read (logged out, hub away): asked again next time
  return text.includes("\n  " + apiPath + ":");
}
