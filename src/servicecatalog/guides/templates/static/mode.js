/* The reading mode, set before the page is first painted (this script blocks on purpose, so
   nothing moves when it applies): 长者模式 (larger text, ?mode=elder) and high contrast
   (?contrast=high), remembered in localStorage. Also marks the page as scripted, which shows
   the parts that need JavaScript (the search form, the switches) from the first paint. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var params;
  try {
    params = new URLSearchParams(window.location.search);
  } catch (error) {
    params = null;
  }
  function setting(name, on) {
    var asked = params ? params.get(name) : null;
    var stored = null;
    try {
      if (asked === on || asked === "normal") {
        window.localStorage.setItem("servicecatalog-" + name, asked);
      }
      stored = window.localStorage.getItem("servicecatalog-" + name);
    } catch (error) {
      stored = null; /* storage refused (privacy settings): the address still works */
    }
    return (asked || stored) === on;
  }
  if (setting("mode", "elder")) {
    root.setAttribute("data-mode", "elder");
  }
  if (setting("contrast", "high")) {
    root.setAttribute("data-contrast", "high");
  }
})();
