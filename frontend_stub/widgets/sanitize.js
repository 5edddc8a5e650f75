// Rich text from the API, rebuilt node by node: only text, a few tags and safe links survive.

const ALLOWED_TAGS = new Set([
  "P", "BR", "STRONG", "B", "EM", "I", "U", "A", "UL", "OL", "LI", "H2", "H3", "H4", "H5", "H6",
  "BLOCKQUOTE", "SPAN", "SUB", "SUP", "HR",
]);

// Rich text from the API, rebuilt node by node: only text, a few tags and safe links survive.
export function richText(html) {
  const parsed = new DOMParser().parseFromString(String(html || ""), "text/html");
  const fragment = document.createDocumentFragment();
  const copy = (source, target) => {
    for (const node of source.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        target.append(document.createTextNode(node.textContent));
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        if (!ALLOWED_TAGS.has(node.tagName)) {
          if (!["SCRIPT", "STYLE", "IFRAME", "OBJECT", "TEMPLATE"].includes(node.tagName)) {
            copy(node, target);
          }
          continue;
        }
        const clean = document.createElement(node.tagName.toLowerCase());
        if (node.tagName === "A") {
          const href = node.getAttribute("href") || "";
          if (/^(https?:|mailto:|tel:|\/(?!\/))/i.test(href)) {
            clean.setAttribute("href", href);
            clean.setAttribute("rel", "noopener noreferrer");
          }
        }
        copy(node, clean);
        target.append(clean);
      }
    }
  };
  copy(parsed.body, fragment);
  return fragment;
}
