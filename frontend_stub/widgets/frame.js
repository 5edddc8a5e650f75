// The widget frame page (/widgets/v1/frame/<widget>/): one widget, its key from the server.
import { mountWidget } from "./widgets.js";

// The server writes the mount options: key, widget, city, locale, toolbox (and, in the
// admin's preview, preview: a token naming the draft to show).
const config = JSON.parse(document.getElementById("widget-config").textContent);
mountWidget(document.getElementById("widget"), {
  ...config,
  apiBase: window.location.origin,
  // Inside a frame, a quick exit must leave the website around it, not only the frame.
  exitTop: true,
});
