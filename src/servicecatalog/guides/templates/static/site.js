/* The site's scripts: plain JavaScript, no network, works from file://.

   - The reading-mode switches (长者模式, 高对比度) on every page, remembered in localStorage.
   - The index's search and filters. assets/search-index.js (window.SERVICECATALOG_SEARCH) holds
     the fields of every item (name, code, 一件事, result, materials, conditions, FAQ), the pinyin
     syllables of its name, the catalog's synonyms and referrals, and the traditional characters
     that fold to the catalog's simplified ones. A query is split into words and each word into
     character pairs (bigrams); an item ranks by how much of the query it holds, weighted by how
     rare each pair is and by where it is (name before materials before FAQ). Latin letters are
     matched as pinyin too, full or initials, an earlier syllable first. Rows are shown or hidden
     and ordered by rank; a query naming another department's topic shows its referral; an empty
     result offers the nearest items, the most used services and the 12333 hotline.
     The query is kept in the address (?q=…, ?list=…), so a result page can be shared; a value
     that matches no option is ignored.
   - An item page's region picker, which also points the handout link at the region chosen.
   Without JavaScript every item and every region is shown in full, and the list links lead to
   pre-rendered pages of each list. */
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
    var handout = document.querySelector("[data-handout-link]");
    var pointHandout = function (code) {
      if (handout) {
        handout.setAttribute("href", handout.getAttribute("href").replace(/#.*$/, "") + "#region-" + code);
      }
    };
    regionSelect.addEventListener("change", function () {
      pointHandout(regionSelect.value);
    });
    pointHandout(regionSelect.value);
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
      pointHandout(wanted);
    }
  }

  /* ---- a handout: the region asked for in the address ---- */

  var handoutRegions = Array.prototype.slice.call(document.querySelectorAll("[data-handout-region]"));
  if (handoutRegions.length > 1) {
    var asked = window.location.hash.replace(/^#region-/, "");
    var known = handoutRegions.some(function (region) {
      return region.getAttribute("data-handout-region") === asked;
    });
    if (known) {
      handoutRegions.forEach(function (region) {
        region.hidden = region.getAttribute("data-handout-region") !== asked;
      });
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
  var nearest = document.getElementById("nearest");
  var referralBox = document.getElementById("referrals");
  var tbody = document.querySelector("#items tbody");
  var MAX_QUERY = 100; // a longer address is cut, never searched whole
  // The index holds every item and filters in place; a list's own page follows its links.
  var everything = form.getAttribute("data-scope") === "all";
  var rows = {};
  var order = [];
  var names = {};
  Array.prototype.forEach.call(tbody.querySelectorAll("tr"), function (row) {
    var code = row.getAttribute("data-code");
    rows[code] = row;
    order.push(code);
    var link = row.querySelector("a");
    names[code] = link ? link.textContent : code;
  });

  var fold = {};
  for (var f = 0; f + 1 < data.fold.length; f += 2) {
    fold[data.fold.charAt(f)] = data.fold.charAt(f + 1);
  }

  // Full-width forms (typed with a Chinese input method) become ASCII, letters lower case,
  // traditional characters simplified, punctuation a space.
  var SEPARATORS = /[\s!-\/:-@\[-`{-~\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+/g;
  function normalize(text) {
    var plain = String(text).normalize("NFKC").toLowerCase();
    var folded = "";
    for (var i = 0; i < plain.length; i += 1) {
      var c = plain.charAt(i);
      folded += fold[c] || c;
    }
    return folded.replace(SEPARATORS, " ").trim();
  }

  var WORD = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;
  var HAN = /^[\u3400-\u9fff\uf900-\ufaff]/;
  var SEARCHABLE = /[\u3400-\u9fff\uf900-\ufaff]|[a-z0-9]/;

  // The pieces of a query an item is searched for: character pairs of each Chinese word (the
  // character itself for a word of one), and each word of Latin letters or digits whole.
  function grams(query) {
    var found = {};
    (query.match(WORD) || []).forEach(function (word) {
      if (HAN.test(word) && word.length > 1) {
        for (var i = 0; i + 1 < word.length; i += 1) {
          found[word.substr(i, 2)] = true;
        }
      } else if (HAN.test(word) || word.length > 1) {
        found[word] = true;
      }
    });
    return Object.keys(found);
  }

  var weights = { name: 1, code: 1, one_thing: 0.8, result: 0.7, materials: 0.6, faq: 0.55, conditions: 0.5 };
  var entries = {};
  data.items.forEach(function (entry) {
    var texts = {};
    data.fields.forEach(function (field) {
      texts[field] = (entry.fields[field] || []).map(normalize).join(" ");
    });
    var syllables = entry.pinyin ? entry.pinyin.split(" ") : [];
    entries[entry.code] = {
      texts: texts,
      syllables: syllables,
      initials: syllables.map(function (s) { return s.charAt(0); }).join(""),
      prior: (data.popular.indexOf(entry.code) !== -1 ? 0.02 : 0) + (entry.initiated ? 0 : 0.01)
    };
  });
  var codes = Object.keys(entries);

  // How rare a piece is: the fewer items hold it, the more it tells.
  var rarity = {};
  function idf(gram) {
    if (!(gram in rarity)) {
      var holders = 0;
      codes.forEach(function (code) {
        var texts = entries[code].texts;
        if (data.fields.some(function (field) { return texts[field].indexOf(gram) !== -1; })) {
          holders += 1;
        }
      });
      rarity[gram] = holders ? Math.log(1 + codes.length / holders) : 0;
    }
    return rarity[gram];
  }

  function compact(text) {
    return text.replace(/ /g, "");
  }

  // What a query also means: each synonym it holds replaced by the catalog's words.
  // Longer terms first: 社保卡 is replaced before 社保 could be.
  var synonyms = Object.keys(data.synonyms).map(function (term) {
    return { term: compact(normalize(term)), means: data.synonyms[term].map(normalize) };
  }).filter(function (synonym) { return synonym.term; }).sort(function (a, b) {
    return b.term.length - a.term.length;
  });
  function variants(query) {
    var whole = compact(query);
    var found = [query];
    var all = whole;
    var several = 0;
    synonyms.forEach(function (synonym) {
      if (whole.indexOf(synonym.term) !== -1) {
        synonym.means.forEach(function (meaning) {
          found.push(whole.split(synonym.term).join(" " + meaning + " "));
        });
      }
      if (all.indexOf(synonym.term) !== -1) {
        all = all.split(synonym.term).join(" " + synonym.means[0] + " ");
        several += 1;
      }
    });
    if (several > 1) {
      found.push(all); // 社保卡丢了: 社会保障卡 and 挂失 at once
    }
    return found;
  }

  var UNHELD = 0.5;

  // 0 (nothing) to about 1.4 (the whole query, at the start of the name).
  function textScore(entry, query) {
    var pieces = grams(query).map(function (gram) { return { gram: gram, idf: idf(gram) }; });
    var total = 0;
    var held = 0;
    pieces.forEach(function (piece) {
      if (!piece.idf) {
        // A pair no item holds (了能, 保卡) tells nothing of which item is meant, but a variant
        // that leaves fewer such pairs (社会保障卡 for 社保卡) is the better reading.
        total += UNHELD;
        return;
      }
      total += piece.idf;
      var best = 0;
      data.fields.forEach(function (field) {
        if (weights[field] > best && entry.texts[field].indexOf(piece.gram) !== -1) {
          best = weights[field];
        }
      });
      held += piece.idf * best;
    });
    if (!total) {
      return 0;
    }
    var score = held / total;
    // One wrong character in a name: the characters of the query the name holds.
    var characters = {};
    (query.match(/[\u3400-\u9fff\uf900-\ufaff]/g) || []).forEach(function (c) { characters[c] = true; });
    var all = 0;
    var inName = 0;
    Object.keys(characters).forEach(function (c) {
      var weight = idf(c);
      all += weight;
      if (entry.texts.name.indexOf(c) !== -1) {
        inName += weight;
      }
    });
    if (all) {
      score += 0.25 * inName / all;
    }
    var whole = compact(query);
    var at = compact(entry.texts.name).indexOf(whole);
    if (whole.length > 1 && at !== -1) {
      score += at === 0 ? 0.2 : 0.15;
    }
    return score;
  }

  // Latin letters as pinyin: full syllables or initials, from a syllable's start; earlier first.
  function pinyinAt(entry, letters) {
    if (letters.length < 2) {
      return 0;
    }
    for (var i = 0; i < entry.syllables.length; i += 1) {
      if (entry.syllables.slice(i).join("").indexOf(letters) === 0) {
        return Math.max(0.5, 1.1 - 0.04 * i);
      }
    }
    var at = entry.initials.indexOf(letters);
    return at === -1 ? 0 : Math.max(0.45, 1.05 - 0.04 * at);
  }

  // Words typed apart (chuangye daikuan) may name syllables apart (创业担保贷款): each word
  // counts for its share.
  function pinyinScore(entry, query) {
    var words = query.match(/[a-z]+/g) || [];
    if (!words.length || !entry.syllables.length) {
      return 0;
    }
    var together = pinyinAt(entry, words.join(""));
    if (together || words.length === 1) {
      return together;
    }
    var sum = 0;
    words.forEach(function (word) {
      sum += pinyinAt(entry, word);
    });
    return 0.9 * sum / words.length;
  }

  function score(code, queries) {
    var entry = entries[code];
    if (!entry) {
      return 0;
    }
    var best = pinyinScore(entry, queries[0]);
    queries.forEach(function (query) {
      best = Math.max(best, textScore(entry, query));
    });
    return best ? best + entry.prior : 0;
  }

  function referralsFor(query) {
    var whole = compact(query);
    return data.referrals.filter(function (referral) {
      return whole && referral.terms.some(function (term) {
        var key = compact(normalize(term));
        return key && whole.indexOf(key) !== -1;
      });
    });
  }

  function option(select, value) {
    return Array.prototype.some.call(select.options, function (entry) {
      return entry.value === value;
    });
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

  function link(code) {
    var anchor = document.createElement("a");
    anchor.href = "items/" + code + ".html";
    anchor.textContent = names[code] || code;
    var item = document.createElement("li");
    item.appendChild(anchor);
    return item;
  }

  function phoneLink(number) {
    var anchor = document.createElement("a");
    anchor.href = "tel:" + number.replace(/[^0-9+]/g, "");
    anchor.textContent = number;
    return anchor;
  }

  // Text with every phone number in it a tel: link (the hotlines of a referral's note).
  var PHONE = /(0[0-9]{2,3}-?[0-9]{7,8}|123[0-9]{2})(?![0-9])/g;
  function appendWithPhones(parent, text) {
    var last = 0;
    text.replace(PHONE, function (number, _group, at) {
      if (at > 0 && /[0-9-]/.test(text.charAt(at - 1))) {
        return number;
      }
      parent.appendChild(document.createTextNode(text.slice(last, at)));
      parent.appendChild(phoneLink(number));
      last = at + number.length;
      return number;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function showReferrals(found) {
    referralBox.textContent = "";
    found.forEach(function (referral) {
      var box = document.createElement("p");
      box.className = "referral";
      var strong = document.createElement("strong");
      strong.textContent = referral.department + "：";
      box.appendChild(strong);
      appendWithPhones(box, referral.note);
      if (referral.phone && referral.note.indexOf(referral.phone) === -1) {
        box.appendChild(document.createTextNode(" 电话 "));
        box.appendChild(phoneLink(referral.phone));
      }
      if (referral.url) {
        box.appendChild(document.createTextNode(" "));
        var site = document.createElement("a");
        site.href = referral.url;
        site.textContent = "网上办理";
        box.appendChild(site);
      }
      referralBox.appendChild(box);
    });
    referralBox.hidden = found.length === 0;
  }

  function showNearest(ranked) {
    nearest.textContent = "";
    ranked.slice(0, 3).forEach(function (found) {
      nearest.appendChild(link(found.code));
    });
    nearest.parentNode.hidden = nearest.childNodes.length === 0;
  }

  function apply() {
    var query = normalize(search.value.slice(0, MAX_QUERY));
    if (!SEARCHABLE.test(query)) {
      query = ""; // nothing searchable (punctuation, symbols): the query is ignored
    }
    var queries = query ? variants(query) : [];
    var ranked = [];
    order.forEach(function (code) {
      if (filtered(code)) {
        ranked.push({ code: code, relevance: query ? score(code, queries) : 1 });
      }
    });
    ranked.sort(function (a, b) {
      return b.relevance - a.relevance || (a.code < b.code ? -1 : 1);
    });
    var best = ranked.length ? ranked[0].relevance : 0;
    var floor = query ? Math.max(0.3, 0.5 * best) : 0;
    var shown = ranked.filter(function (found) { return found.relevance > 0 && found.relevance >= floor; });
    var visible = {};
    shown.forEach(function (found) {
      visible[found.code] = true;
      tbody.appendChild(rows[found.code]);
    });
    order.forEach(function (code) {
      rows[code].hidden = !visible[code];
    });
    var active = query || listFilter.value || typeFilter.value || departmentFilter.value;
    resultCount.textContent = active ? "找到 " + shown.length + " 个事项" : "共 " + shown.length + " 个事项";
    showReferrals(query ? referralsFor(query) : []);
    noResults.hidden = shown.length !== 0;
    showNearest(shown.length ? [] : ranked.filter(function (found) { return found.relevance > 0; }));
    if (everything) {
      Array.prototype.forEach.call(document.querySelectorAll("[data-list-link]"), function (anchor) {
        anchor.setAttribute("aria-current", anchor.getAttribute("data-list-link") === listFilter.value ? "true" : "false");
      });
    }
  }

  // On a phone the results lie below the search box: bring their count into view.
  function reveal() {
    var top = resultCount.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.6) {
      resultCount.scrollIntoView({ block: "start" });
    }
  }

  function update() {
    apply();
    remember();
  }

  (function restore() {
    var params = new URLSearchParams(window.location.search);
    var asked = params.get("q");
    if (asked) {
      search.value = asked.slice(0, MAX_QUERY);
    }
    [[listFilter, "list"], [typeFilter, "type"], [departmentFilter, "department"]].forEach(function (pair) {
      var value = params.get(pair[1]);
      if (value !== null && option(pair[0], value)) {
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
    reveal();
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-list-link]"), function (anchor) {
    anchor.addEventListener("click", function (event) {
      if (!everything) {
        return;
      }
      event.preventDefault();
      listFilter.value = anchor.getAttribute("data-list-link");
      update();
    });
  });
  // Coming back to the index restores the form's values: show the rows they select.
  window.addEventListener("pageshow", apply);
  apply();
  if (search.value) {
    reveal();
  }
})();
