// Building the widgets' DOM: elements from tag, attributes and children, never from HTML.
import { Fallback } from "./lang.js";

function node(child) {
  if (child instanceof Node) return child;
  if (child instanceof Fallback) {
    const span = document.createElement("span");
    span.lang = "en";
    span.dir = "ltr";
    span.textContent = child.text;
    return span;
  }
  return document.createTextNode(String(child));
}

// The children worth adding: a missing or false child is left out, never written as "null".
function present(children) {
  return children
    .flat(Infinity)
    .filter((child) => child !== undefined && child !== null && child !== false)
    .map(node);
}

// ``node``'s children replaced by ``children`` (as ``h`` takes them).
export function replace(node, ...children) {
  node.replaceChildren(...present(children));
  return node;
}

export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "class") {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  const shown = present(children);
  if (tag === "option" || tag === "title") {
    // Text only inside these: an English fallback marks the element itself.
    const marked = shown.find((child) => child.nodeType === Node.ELEMENT_NODE && child.lang);
    if (marked) {
      element.lang = marked.lang;
      element.dir = marked.dir;
    }
    element.textContent = shown.map((child) => child.textContent).join("");
    return element;
  }
  element.append(...shown);
  return element;
}
