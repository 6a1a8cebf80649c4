/* The site's scripts: plain JavaScript, no network, works from file://.

   - The reading-mode switches (长者模式, 高对比度) on every page, remembered in localStorage.
   - The index's search and filters. assets/search-index.js (window.SERVICECATALOG_SEARCH) holds
     the fields of every item (name, code, 一件事, result, materials, conditions, FAQ), the pinyin
     of its name and the catalog's synonyms; rows are shown or hidden and ordered by relevance.
     The query is kept in the address (?q=…, ?list=…), so a result page can be shared.
   - An item page's region picker.
   Without JavaScript every item and every region is shown in full. */
(function () {
  "use strict";

  /* ---- reading modes ---- */

  function toggle(button, attribute, on, key) {
    if (!button) {
      return;
    }
    var root = document.documentElement;
    function sync() {
      button.setAttribute("aria-pressed", root.getAttribute(attribute) === on ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var active = root.getAttribute(attribute) === on;
      if (active) {
        root.removeAttribute(attribute);
      } else {
        root.setAttribute(attribute, on);
      }
      try {
        window.localStorage.setItem("servicecatalog-" + key, active ? "normal" : on);
      } catch (error) {
        /* storage refused: the mode holds for this page */
      }
      sync();
    });
    sync();
  }

  toggle(document.getElementById("elder-toggle"), "data-mode", "elder", "mode");
  toggle(document.getElementById("contrast-toggle"), "data-contrast", "high", "contrast");

  /* ---- an item page's region picker ---- */

  var regionSelect = document.querySelector("[data-region-select]");
  if (regionSelect) {
    var regions = Array.prototype.slice.call(document.querySelectorAll("details[data-region]"));
    var showRegion = function (code) {
      regions.forEach(function (region) {
        region.open = region.getAttribute("data-region") === code;
      });
      regionSelect.value = code;
    };
    regionSelect.parentNode.hidden = false;
    regionSelect.addEventListener("change", function () {
      showRegion(regionSelect.value);
      try {
        window.history.replaceState(null, "", "#region-" + regionSelect.value);
      } catch (error) {
        /* some browsers refuse history changes on file:// */
      }
    });
    var wanted = window.location.hash.replace(/^#region-/, "");
    if (wanted && document.getElementById("region-" + wanted)) {
      showRegion(wanted);
    }
  }

  /* ---- the index: search and filters ---- */

  var form = document.getElementById("filters");
  var data = window.SERVICECATALOG_SEARCH;
  if (!form || !data) {
    return;
  }
  var search = document.getElementById("search");
  var listFilter = document.getElementById("filter-list");
  var typeFilter = document.getElementById("filter-type");
  var departmentFilter = document.getElementById("filter-department");
  var resultCount = document.getElementById("result-count");
  var noResults = document.getElementById("no-results");
  var tbody = document.querySelector("#items tbody");
  var rows = {};
  var order = [];
  Array.prototype.forEach.call(tbody.querySelectorAll("tr"), function (row) {
    rows[row.getAttribute("data-code")] = row;
    order.push(row.getAttribute("data-code"));
  });
  var entries = {};
  data.items.forEach(function (entry) {
    entries[entry.code] = entry;
  });
  // A match in an earlier field ranks higher: the name first, conditions and FAQ last.
  var weights = { name: 100, code: 90, one_thing: 60, result: 50, materials: 40, conditions: 30, faq: 20 };

  // Full-width digits and letters (typed with a Chinese input method) match their ASCII forms.
  function normalize(text) {
    return text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  }

  // What a query also means: each synonym it contains replaced by the catalog's words.
  function variants(query) {
    var found = [query];
    Object.keys(data.synonyms).forEach(function (term) {
      var key = normalize(term);
      if (key && query.indexOf(key) !== -1) {
        data.synonyms[term].forEach(function (meaning) {
          found.push(query.split(key).join(normalize(meaning)));
        });
      }
    });
    return found;
  }

  function score(entry, queries) {
    var best = 0;
    var latin = /^[a-z]+$/.test(queries[0]);
    queries.forEach(function (query) {
      data.fields.forEach(function (field) {
        var texts = entry.fields[field] || [];
        for (var i = 0; i < texts.length; i += 1) {
          var text = normalize(texts[i]);
          var at = text.indexOf(query);
          if (at !== -1) {
            best = Math.max(best, weights[field] + (at === 0 ? 5 : 0));
          }
        }
      });
      if (latin && query.length >= 2) {
        if (entry.initials.indexOf(query) !== -1) {
          best = Math.max(best, 70 + (entry.initials.indexOf(query) === 0 ? 5 : 0));
        }
        if (entry.pinyin.indexOf(query) !== -1) {
          best = Math.max(best, 65);
        }
      }
    });
    return best;
  }

  function filtered(code) {
    var row = rows[code];
    var lists = " " + row.getAttribute("data-lists") + " ";
    return (!listFilter.value || lists.indexOf(" " + listFilter.value + " ") !== -1) &&
      (!typeFilter.value || row.getAttribute("data-type") === typeFilter.value) &&
      (!departmentFilter.value || row.getAttribute("data-department") === departmentFilter.value);
  }

  function remember() {
    var params = new URLSearchParams(window.location.search);
    [["q", search.value.trim()], ["list", listFilter.value], ["type", typeFilter.value],
      ["department", departmentFilter.value]].forEach(function (pair) {
      if (pair[1]) {
        params.set(pair[0], pair[1]);
      } else {
        params.delete(pair[0]);
      }
    });
    var query = params.toString();
    try {
      window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
    } catch (error) {
      /* some browsers refuse history changes on file:// */
    }
  }

  function apply() {
    var query = normalize(search.value);
    var queries = query ? variants(query) : [];
    var shown = [];
    order.forEach(function (code) {
      var relevance = query ? score(entries[code] || { fields: {}, pinyin: "", initials: "" }, queries) : 1;
      var visible = relevance > 0 && filtered(code);
      rows[code].hidden = !visible;
      if (visible) {
        shown.push({ code: code, relevance: relevance });
      }
    });
    shown.sort(function (a, b) {
      return b.relevance - a.relevance || (a.code < b.code ? -1 : 1);
    });
    shown.forEach(function (found) {
      tbody.appendChild(rows[found.code]);
    });
    var active = query || listFilter.value || typeFilter.value || departmentFilter.value;
    resultCount.textContent = active ? "找到 " + shown.length + " 个事项" : "共 " + shown.length + " 个事项";
    noResults.hidden = shown.length !== 0;
    Array.prototype.forEach.call(document.querySelectorAll("[data-list-link]"), function (link) {
      link.setAttribute("aria-current", link.getAttribute("data-list-link") === listFilter.value ? "true" : "false");
    });
  }

  function update() {
    apply();
    remember();
  }

  (function restore() {
    var params = new URLSearchParams(window.location.search);
    search.value = params.get("q") || search.value;
    [[listFilter, "list"], [typeFilter, "type"], [departmentFilter, "department"]].forEach(function (pair) {
      var value = params.get(pair[1]);
      if (value !== null && pair[0].querySelector('option[value="' + value.replace(/"/g, "") + '"]')) {
        pair[0].value = value;
      }
    });
  })();

  form.addEventListener("input", update);
  // The search box's change (on leaving it) repeats its last input: only the selects count.
  form.addEventListener("change", function (event) {
    if (event.target.tagName === "SELECT") {
      update();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update();
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-list-link]"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      listFilter.value = link.getAttribute("data-list-link");
      update();
    });
  });
  // Coming back to the index restores the form's values: show the rows they select.
  window.addEventListener("pageshow", apply);
  apply();
})();
