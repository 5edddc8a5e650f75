// The embed script a trainee city adds to its pages:
//   <script src="https://HOST/widgets/v1/embed.js" data-key="..." data-widget="safe-spaces"
//           data-city="brussels" data-locale="en" async></script>
// A classic script (it may be loaded without type="module"): it reads its own address to know
// the API's host, puts a host element where it stands and loads the widget module from there.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var src = new URL(script.src);
  var host = document.createElement("div");
  host.className = "equalcity-widget";
  script.insertAdjacentElement("beforebegin", host);
  import(new URL("widgets.js", src).href).then(function (module) {
    module.mountWidget(host, {
      apiBase: src.origin,
      key: script.dataset.key || "",
      widget: script.dataset.widget || "",
      city: script.dataset.city || "",
      locale: script.dataset.locale || "en",
      toolbox: script.dataset.toolbox || "",
    });
  });
})();
