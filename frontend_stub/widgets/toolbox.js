// The toolbox widget: a city's toolboxes, their modules (a content warning first where one
// applies) and each module's body.

import { block } from "./blocks.js";
import { h, replace } from "./dom.js";
import { textIn } from "./lang.js";
import { focusHeading, statusLine } from "./ui.js";

export async function renderToolbox(ctx) {
  const { api, body, t, locale, mediaBase } = ctx;
  const status = statusLine(t);
  const view = h("div", {});
  body.append(status, view);

  const showList = async () => {
    status.textContent = t.loading;
    try {
      const data = await api.get("widgets/toolboxes", { locale });
      status.textContent = "";
      replace(view,
        h("h3", {}, t.toolboxes),
        h("ul", { class: "items" }, data.results.map((toolbox) => h("li", {},
          h("button", { type: "button", class: "link", onclick: () => showToolbox(toolbox.slug, true), ...textIn(toolbox, locale) }, toolbox.title),
          h("p", textIn(toolbox, locale), toolbox.summary)))),
      );
    } catch {
      status.textContent = t.error;
    }
  };

  const showToolbox = async (slug, fromList) => {
    status.textContent = t.loading;
    let toolbox;
    try {
      toolbox = await api.get(`widgets/toolboxes/${encodeURIComponent(slug)}`, { locale });
    } catch {
      status.textContent = t.error;
      return;
    }
    status.textContent = "";
    const modules = () => {
      replace(view,
        h("h3", textIn(toolbox, locale), toolbox.title),
        h("p", textIn(toolbox, locale), toolbox.summary),
        h("h4", {}, t.modules),
        h("ol", { class: "items" }, toolbox.modules.map((module) => h("li", {},
          h("button", { type: "button", class: "link", onclick: () => openModule(module), ...textIn(module, locale) }, module.title),
          module.duration_minutes ? h("p", {}, t.minutes(module.duration_minutes)) : null,
          h("p", textIn(module, locale), module.summary)))),
        fromList ? h("div", { class: "actions" }, h("button", { type: "button", onclick: showList }, t.backToToolboxes)) : null,
      );
    };
    const backToModules = () => {
      modules();
      focusHeading(view);
    };
    const read = (module) => {
      replace(view,
        h("article", {},
          h("h3", textIn(module, locale), module.title),
          h("div", textIn(module, locale),
            h("p", {}, module.summary),
            module.body.map((item) => block(item, t, module.locale || locale, mediaBase))),
          h("div", { class: "actions" }, h("button", { type: "button", onclick: backToModules }, t.back))),
      );
      focusHeading(view);
    };
    const openModule = (module) => {
      if (!module.content_warnings || !module.content_warnings.length) {
        read(module);
        return;
      }
      replace(view,
        h("div", { class: "warning" },
          h("h3", {}, t.warning),
          h("p", {}, t.warningText),
          h("ul", {}, module.content_warnings.map((warning) => h("li", textIn(warning, locale), warning.name))),
          h("div", { class: "actions" },
            h("button", { type: "button", onclick: () => read(module) }, t.continue),
            h("button", { type: "button", onclick: backToModules }, t.back))),
      );
      focusHeading(view);
    };
    modules();
  };

  if (ctx.toolbox) {
    await showToolbox(ctx.toolbox, false);
  } else {
    await showList();
  }
}
