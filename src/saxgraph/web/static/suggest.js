// The header search's autocomplete: as you type, the entities whose labels begin with it
// (/search/suggest.json), as an ARIA combobox: arrows move through the list, Enter opens the chosen
// entity's page (or searches, when none is chosen), Escape closes the list. Without JavaScript the form
// still searches; no inline script or style (the pages' Content-Security-Policy allows neither).
(function () {
  "use strict";
  var input = document.getElementById("site-q");
  var list = document.getElementById("site-q-suggestions");
  if (!input || !list || !window.fetch) return;
  var feed = input.getAttribute("data-suggest");
  var items = [], active = -1, timer = null, controller = null, asked = "";

  function close() {
    list.hidden = true;
    list.textContent = "";
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function choose(index) {
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({block: "nearest"});
  }

  function show(results) {
    close();
    if (!results.length) return;
    results.forEach(function (result, i) {
      var option = document.createElement("li");
      option.id = "site-q-option-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var link = document.createElement("a");
      link.href = result.href;
      link.tabIndex = -1;
      link.textContent = result.label;
      if (result.type) {
        var kind = document.createElement("span");
        kind.className = "muted";
        kind.textContent = " · " + result.type;
        link.appendChild(kind);
      }
      option.appendChild(link);
      option.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the focus
      list.appendChild(option);
      items.push(option);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function fetchSuggestions() {
    var text = input.value.trim();
    if (text === asked) return;
    asked = text;
    if (controller) controller.abort();
    if (!text) { close(); return; }
    controller = window.AbortController ? new AbortController() : null;
    fetch(feed + "?q=" + encodeURIComponent(text), {headers: {Accept: "application/json"},
                                                   signal: controller ? controller.signal : undefined})
      .then(function (response) { return response.ok ? response.json() : {results: []}; })
      .then(function (data) { if (input.value.trim() === text) show(data.results || []); })
      .catch(function (error) { if (error.name !== "AbortError") close(); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      if (items.length) { event.preventDefault(); choose(active + 1); }
    } else if (event.key === "ArrowUp") {
      if (items.length) { event.preventDefault(); choose(active - 1); }
    } else if (event.key === "Enter") {
      if (active >= 0 && items[active]) {
        event.preventDefault();
        window.location.href = items[active].querySelector("a").href;
      }
    } else if (event.key === "Escape") {
      if (!list.hidden) { event.preventDefault(); close(); asked = ""; }
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
  input.addEventListener("focus", function () { asked = ""; if (input.value.trim()) fetchSuggestions(); });
})();
