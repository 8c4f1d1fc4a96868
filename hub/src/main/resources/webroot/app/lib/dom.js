// Builds the page from data without ever parsing it as HTML: text goes through textContent only,
// so a device named "<img src=x onerror=…>" is shown as those characters and never runs.

const SVG = "http://www.w3.org/2000/svg";

function fill(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.setAttribute("class", value);
    else if (name === "text") node.textContent = String(value);
    else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else if (name === "style") throw new Error("styles go through the CSSOM or a class, never an attribute");
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** h("li", { class: "device ok" }, "Imprimante", h("span", …)): strings become text nodes. */
export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** The same for SVG elements (the map), created in their namespace. */
export function svg(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG, tag), attrs, children);
}

/**
 * Makes parent's children match items, in order, reusing the element of each key (data-key): an
 * element that stays is updated in place, so the focus, a typed text and its caret survive a refresh.
 */
export function keyed(parent, items, key, create, update) {
  const old = new Map();
  for (const child of [...parent.children]) {
    if (child.dataset && child.dataset.key !== undefined) old.set(child.dataset.key, child);
  }
  let at = 0;
  for (const item of items) {
    const id = String(key(item));
    let element = old.get(id);
    if (element) {
      old.delete(id);
    } else {
      element = create(item);
      element.dataset.key = id;
    }
    update(element, item);
    // Moved only when out of place: moving the focused element would blur it.
    if (parent.children[at] !== element) parent.insertBefore(element, parent.children[at] || null);
    at++;
  }
  for (const gone of old.values()) gone.remove();
}

/** Replaces an element's text only when it changed (a screen reader is not told twice). */
export function text(element, value) {
  const wanted = value === undefined || value === null ? "" : String(value);
  if (element.textContent !== wanted) element.textContent = wanted;
}
