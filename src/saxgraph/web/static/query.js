// The query page: vendored YASGUI pointed at this server's /sparql, with the project's prefixes and examples.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("saxgraph-config").textContent);
  var endpoint = new URL(config.endpoint, window.location.href).href;
  var hash = new URLSearchParams(window.location.hash.slice(1));
  var text = hash.get("query") || config.query;

  // YASQE completes and declares prefixes from a prefix.cc-style JSON ({"prefix": "namespace"}); pointing it at
  // the project's prefixes (injected by the server) keeps the page offline and typing "sg:" adds its PREFIX line.
  var prefixes = "data:application/json;charset=utf-8," + encodeURIComponent(JSON.stringify(config.prefixes));

  // The "class" and "property" completers ask a public vocabulary service (LOV) on every keystroke; this page
  // must work offline and send queries nowhere but this server. (Yasgui's config merge keeps the default
  // array's extra entries, so the defaults themselves are set.)
  Yasgui.Yasqe.defaults.autocompleters = ["variables", "prefixes"];

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null, // a stored tab must not override the example or query in the URL
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { value: text, prefixCcApi: prefixes },
    yasr: { prefixes: config.prefixes }, // results show place:saxony, not the full IRI
  });
  var tab = yasgui.getTab();
  tab.setQuery(text);

  var picker = document.getElementById("example");
  config.examples.forEach(function (example) {
    var option = document.createElement("option");
    option.value = example.name;
    option.textContent = example.title;
    picker.appendChild(option);
  });
  picker.addEventListener("change", function () {
    var chosen = config.examples.find(function (e) { return e.name === picker.value; });
    if (chosen) {
      tab.setQuery(chosen.query);
      var url = new URL(window.location.href);
      url.searchParams.set("example", chosen.name);
      url.searchParams.delete("query");
      window.history.replaceState(null, "", url);
    }
  });
  var current = new URLSearchParams(window.location.search).get("example");
  if (current) picker.value = current;
  if (config.run) tab.query();
  window.saxgraphYasgui = yasgui;
})();
