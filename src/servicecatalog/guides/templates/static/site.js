/* The index's client-side search and filters: plain JavaScript, no network, works from file://.
   Each item row carries data-code, data-name, data-type and data-department; each list section
   data-list. Without JavaScript the form stays hidden and every list is shown in full. */
(function () {
  "use strict";

  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var search = document.getElementById("search");
  var listFilter = document.getElementById("filter-list");
  var typeFilter = document.getElementById("filter-type");
  var departmentFilter = document.getElementById("filter-department");
  var resultCount = document.getElementById("result-count");
  var noResults = document.getElementById("no-results");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.item-list"));

  // Full-width digits and letters (typed with a Chinese input method) match their ASCII forms.
  function normalize(text) {
    return text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  }

  function matches(row, needle) {
    if (typeFilter.value && row.getAttribute("data-type") !== typeFilter.value) {
      return false;
    }
    if (departmentFilter.value && row.getAttribute("data-department") !== departmentFilter.value) {
      return false;
    }
    return !needle ||
      normalize(row.getAttribute("data-code")).indexOf(needle) !== -1 ||
      normalize(row.getAttribute("data-name")).indexOf(needle) !== -1;
  }

  function apply() {
    var needle = normalize(search.value);
    var filtered = needle !== "" || typeFilter.value || departmentFilter.value || listFilter.value;
    var found = {};
    var total = 0;
    sections.forEach(function (section) {
      var inList = !listFilter.value || section.getAttribute("data-list") === listFilter.value;
      var rows = section.querySelectorAll("tbody tr");
      var visible = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var shown = inList && matches(row, needle);
        row.hidden = !shown;
        if (shown) {
          visible += 1;
          var code = row.getAttribute("data-code");
          if (!found[code]) {
            found[code] = true;
            total += 1;
          }
        }
      });
      section.hidden = visible === 0;
      var count = section.querySelector(".count");
      count.textContent = filtered ? visible + " / " + rows.length + " 项" : rows.length + " 项";
    });
    resultCount.textContent = filtered ? "找到 " + total + " 个事项" : "共 " + total + " 个事项";
    noResults.hidden = total !== 0;
  }

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  // Coming back to the index restores the form's values: show the rows they select.
  window.addEventListener("pageshow", apply);
  apply();
})();

/* An item page's region picker: every implementing region's details are in the page (readable
   without JavaScript, each in a <details>); the picker opens the chosen one and closes the rest,
   and remembers the choice in the address (#region-CODE) so a link names the region. */
(function () {
  "use strict";

  var select = document.querySelector("[data-region-select]");
  if (!select) {
    return;
  }
  var regions = Array.prototype.slice.call(document.querySelectorAll("details[data-region]"));

  function show(code) {
    regions.forEach(function (region) {
      region.open = region.getAttribute("data-region") === code;
    });
    select.value = code;
  }

  select.parentNode.hidden = false;
  select.addEventListener("change", function () {
    show(select.value);
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#region-" + select.value);
    }
  });
  var wanted = window.location.hash.replace(/^#region-/, "");
  if (wanted && document.getElementById("region-" + wanted)) {
    show(wanted);
  }
})();
