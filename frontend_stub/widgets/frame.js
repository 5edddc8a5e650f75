// The widget frame page (/widgets/v1/frame/<widget>/): one widget, its key from the server.
import { mountWidget } from "./widgets.js";

const config = JSON.parse(document.getElementById("widget-config").textContent);
mountWidget(document.getElementById("widget"), {
  apiBase: window.location.origin,
  key: config.key,
  widget: config.widget,
  city: config.city,
  locale: config.locale,
  toolbox: config.toolbox,
  // Inside a frame, a quick exit must leave the website around it, not only the frame.
  exitTop: true,
});
