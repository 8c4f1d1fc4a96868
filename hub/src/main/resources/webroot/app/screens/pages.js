// One page of a paged list and the address of the next (its Link header), for the screens that show
// the newest first and a "Voir plus" button rather than reading everything with fetchAll.
// It could move to lib/http.js, beside fetchAll.
import { HttpError, api, nextLink } from "../lib/http.js";

/** { items, next }: next is the address of the following page, or null on the last one. */
export async function page(path) {
  const response = await api(path);
  if (!response.ok) {
    let reason = null;
    try {
      reason = (await response.json()).error || null;
    } catch (notJson) {
      // The status says enough.
    }
    throw new HttpError(path, response.status, reason);
  }
  const answer = await response.json();
  return { items: Array.isArray(answer) ? answer : answer.items || [], next: nextLink(response.headers.get("Link")) };
}

/** The first `count` pages again (a refresh keeps what "Voir plus" had opened), up to 20. */
export async function pages(path, count) {
  const items = [];
  let next = path;
  for (let i = 0; i < Math.min(Math.max(count, 1), 20) && next; i++) {
    const one = await page(next);
    items.push(...one.items);
    next = one.next;
  }
  return { items, next };
}

export const SEVERITY_WORDS = { critical: "Critique", warning: "À surveiller", info: "Information" };
export const ALERT_STATE_WORDS = { open: "Ouverte", acknowledged: "Prise en charge", cleared: "Clôturée" };
