// A DOM for node's test runner (linkedom, a dev dependency): the globals the widgets' modules
// use in a browser. Import it before the module under test.
import { DOMParser as LinkedomParser, parseHTML } from "linkedom";

// Browsers wrap a fragment in <html><body> when they parse it as a document; linkedom does not.
class DOMParser extends LinkedomParser {
  parseFromString(markup, type) {
    return super.parseFromString(`<!doctype html><html><body>${markup}</body></html>`, type);
  }
}

const { window, document } = parseHTML("<!doctype html><html><body></body></html>");

globalThis.window = window;
globalThis.document = document;
globalThis.Node = window.Node;
globalThis.DOMParser = DOMParser;
globalThis.location = new URL("https://cms.example.org/widgets/demo/");

// The HTML of a node or fragment, for assertions.
export function html(node) {
  const box = document.createElement("div");
  box.append(node);
  return box.innerHTML;
}
