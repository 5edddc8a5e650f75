// The helplines widget: a city's emergency numbers and helplines.

import { h } from "./dom.js";
import { textIn } from "./lang.js";
import { languageNamer, statusLine, telLink } from "./ui.js";

export async function renderHelplines(ctx) {
  const { api, body, t, city, locale } = ctx;
  const status = statusLine(t);
  body.append(status);
  let data;
  try {
    data = await api.get("widgets/helplines", { city, locale });
  } catch {
    status.textContent = t.error;
    return;
  }
  status.textContent = "";
  const languageName = languageNamer(locale);
  body.append(
    h("h3", {}, t.emergency),
    // The labels are the city's texts: in English when the city has no translation.
    h("ul", { class: "items" }, data.city.emergency_numbers.map((row) => h("li", {}, h("strong", textIn(data.city, locale), row.label), " ", telLink(row.number)))),
    h("h3", {}, t.helplines),
    h("ul", { class: "items" }, data.helplines.map((line) => h("li", {},
      h("article", {},
        h("h4", textIn(line, locale), line.name),
        h("p", {}, telLink(line.number)),
        line.description ? h("p", textIn(line, locale), line.description) : null,
        line.available_24_7 ? h("p", {}, t.available) : h("p", textIn(line, locale), line.hours_description),
        line.free_of_charge ? h("p", {}, t.free) : null,
        line.languages.length ? h("p", {}, `${t.languages}: ${line.languages.map(languageName).join(", ")}`) : null)))),
  );
}
