// The glossary check as the translator types, in wagtail-localize's translation editor: each
// term to avoid of the language found in the text being typed is listed at once, and goes away
// when it is changed. The same rule as the server's (cms/translation/glossary.py, _pattern):
// whole words, any case; in Arabic also with the prefixes ال و ب ل ك attached (and لل).
(function () {
  "use strict";

  var panel = document.querySelector("[data-glossary-panel]");
  var data = document.getElementById("glossary-avoid");
  if (!panel || !data) return;
  var config = JSON.parse(data.textContent);
  var live = panel.querySelector("[data-glossary-live]");
  var list = live.querySelector("ul");
  var ARABIC_PREFIXES = "(?:و?(?:[بلك]?ال|لل|[بلك])|و)?";

  function escape(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function pattern(term) {
    var words = escape(term);
    if (config.language.split("-")[0] === "ar") {
      var bare = term.indexOf("ال") === 0 ? term.slice(2) : term;
      words = "(?:" + ARABIC_PREFIXES + escape(bare) + "|" + ARABIC_PREFIXES + escape(term) + ")";
    }
    return new RegExp("(?<![\\p{L}\\p{N}_])" + words + "(?![\\p{L}\\p{N}_])", "iu");
  }

  var rules = config.avoid.map(function (rule) {
    return { rule: rule, pattern: pattern(rule.avoid) };
  });

  function item(rule) {
    var li = document.createElement("li");
    var avoid = document.createElement("bdi");
    avoid.lang = config.language;
    avoid.textContent = rule.avoid;
    var source = document.createElement("bdi");
    source.lang = "en";
    source.textContent = rule.source;
    var preferred = document.createElement("bdi");
    preferred.lang = config.language;
    preferred.textContent = rule.preferred;
    li.append("“", avoid, "” is a term to avoid for “", source, "”: use “", preferred, "”.");
    if (rule.note) li.append(" " + rule.note);
    return li;
  }

  function check() {
    var typed = Array.prototype.map
      .call(document.querySelectorAll("textarea, input[type=text]"), function (field) {
        return field.closest("[data-glossary-panel]") ? "" : field.value;
      })
      .join("\n");
    var found = rules.filter(function (entry) {
      return entry.pattern.test(typed);
    });
    list.replaceChildren.apply(list, found.map(function (entry) { return item(entry.rule); }));
    live.hidden = found.length === 0;
  }

  var pending = null;
  document.addEventListener(
    "input",
    function () {
      clearTimeout(pending);
      pending = setTimeout(check, 150);
    },
    true,
  );
})();
