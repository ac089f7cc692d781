// The search page: queries the Pagefind index in the browser (it fetches only the index
// chunks a query needs) and renders results as plain, accessible HTML. The query, the
// chosen topics and the range of years live in the URL (?q=&topic=&from=&to=), so a
// search can be shared. A word with one typo that finds nothing is corrected from the
// words of the papers its first letters find. Everything goes into space the page keeps
// for it, so nothing moves while the index loads (issue 20).
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var PAGE = 10;
  var WIDE = window.matchMedia("(min-width: 60rem)");
  var form = root.querySelector("form");
  var input = form.elements.q;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var facets = document.getElementById("search-facets");
  var params = new URLSearchParams(location.search);
  var chosen = { topic: params.getAll("topic") };
  var years = params.getAll("year").sort();
  var range = { from: params.get("from") || years[0] || "", to: params.get("to") || years[years.length - 1] || "" };
  var allYears = [];
  var pagefind = null, results = [], shown = 0, generation = 0, timer = 0;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  input.value = params.get("q") || "";
  facets.open = WIDE.matches;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Pagefind escapes the excerpt and adds <mark>; keep only text and <mark>, whatever comes.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var out = element("p", "summary snippet");
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") out.append(element("mark", "", node.textContent));
      else out.append(node.textContent);
    });
    return out;
  }

  function card(data) {
    var article = element("article", "card");
    var heading = element("h2", "card-title");
    var link = element("a", "", data.meta.title || data.url);
    link.href = data.url;
    heading.append(link);
    article.append(heading);
    var meta = element("p", "meta");
    if (data.meta.authors) meta.append(element("span", "authors", data.meta.authors), " · ");
    if (data.meta.date) {
      // Written like the cards: 21 March 2025, March 2025 or 2025, as far as the date is known.
      var ymd = data.meta.date.split("-").map(Number);
      var words = [ymd[0]];
      if (ymd.length > 1) words.unshift(MONTHS[ymd[1] - 1]);
      if (ymd.length > 2) words.unshift(ymd[2]);
      var time = element("time", "", words.join(" "));
      time.dateTime = data.meta.date;
      meta.append(time);
    }
    article.append(meta);
    var topics = (data.filters && data.filters.topic) || [];
    if (topics.length) article.append(element("p", "meta topics", topics.join(", ")));
    article.append(excerpt(data.excerpt));
    var item = element("li");
    item.append(article);
    return item;
  }

  // The years of the range, as Pagefind's year filter: none when the range is all years.
  function filters() {
    var selected = {};
    if (chosen.topic.length) selected.topic = { any: chosen.topic };
    var low = range.from, high = range.to;
    if (low && high && low > high) { low = range.to; high = range.from; }
    var within = allYears.filter(function (year) {
      return (!low || year >= low) && (!high || year <= high);
    });
    if (within.length && within.length < allYears.length) selected.year = { any: within };
    return selected;
  }

  // One typo: a deleted, added, changed or swapped letter.
  function oneEditApart(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // The word one typo away from `word` in the papers that its longest prefixes find (Pagefind
  // matches prefixes, and stems them, so a prefix can find words it does not start); null when
  // there is none. The first three letters must be right.
  function fixWord(word) {
    var lower = word.toLowerCase();
    function attempt(length, tries) {
      if (length < 3 || !tries) return Promise.resolve(null);
      return pagefind.search(lower.slice(0, length)).then(function (found) {
        if (!found.results.length) return attempt(length - 1, tries);
        return Promise.all(found.results.slice(0, 12).map(function (r) { return r.data(); })).then(function (pages) {
          var counts = {};
          pages.forEach(function (page) {
            (page.content.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).forEach(function (w) {
              if (w.slice(0, 3) === lower.slice(0, 3) && oneEditApart(w, lower)) counts[w] = (counts[w] || 0) + 1;
            });
          });
          var best = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })[0];
          return best || attempt(length - 1, tries - 1);
        });
      });
    }
    return attempt(lower.length - 1, 3);
  }

  // The query with each word that finds nothing replaced by its fix, or null if none is fixed.
  function corrected(query) {
    var words = query.split(/\s+/);
    return Promise.all(words.map(function (word) {
      if (word.length < 4 || /[^\p{L}]/u.test(word)) return word;
      return pagefind.search(word).then(function (found) {
        return found.results.length ? word : fixWord(word).then(function (fix) { return fix || word; });
      });
    })).then(function (fixed) {
      var text = fixed.join(" ");
      return text.toLowerCase() === query.toLowerCase() ? null : text;
    });
  }

  function remember(query) {
    var next = new URLSearchParams();
    if (query) next.set("q", query);
    chosen.topic.forEach(function (value) { next.append("topic", value); });
    if (range.from) next.set("from", range.from);
    if (range.to) next.set("to", range.to);
    var search = next.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  }

  function describe(count, query, fix) {
    var papers = count === 1 ? "1 paper" : count + " papers";
    var within = Object.keys(filters()).length ? " with the chosen filters" : "";
    if (!query) return papers + within + ", newest first.";
    if (fix) {
      return "No papers match “" + query + "”; " + papers + " match" + (count === 1 ? "es" : "") +
        " “" + fix + "”" + within + ".";
    }
    return (count ? papers + " match" + (count === 1 ? "es" : "") : "No papers match") +
      " “" + query + "”" + within + ".";
  }

  // aria-busy is "true" while results are on their way, for screen readers (and tests).
  function search() {
    var query = input.value.trim();
    var mine = ++generation;
    remember(query);
    list.setAttribute("aria-busy", "true");
    if (!query && !Object.keys(filters()).length) {
      results = [];
      list.textContent = "";
      more.hidden = true;
      status.textContent = "Type a word from a title, an author, an abstract or a topic.";
      list.setAttribute("aria-busy", "false");
      return;
    }
    var options = { filters: filters() };
    if (!query) options.sort = { date: "desc" };
    pagefind.search(query || null, options).then(function (found) {
      if (found.results.length || !query || mine !== generation) return { found: found, fix: null };
      return corrected(query).then(function (fix) {
        if (!fix) return { found: found, fix: null };
        return pagefind.search(fix, options).then(function (again) {
          return again.results.length ? { found: again, fix: fix } : { found: found, fix: null };
        });
      });
    }).then(function (answer) {
      if (mine !== generation) return;
      results = answer.found.results;
      shown = 0;
      list.textContent = "";
      status.textContent = describe(results.length, query, answer.fix);
      showMore(false);
    });
  }

  function showMore(focus) {
    var mine = generation;
    list.setAttribute("aria-busy", "true");
    var slice = results.slice(shown, shown + PAGE);
    shown += slice.length;
    Promise.all(slice.map(function (result) { return result.data(); })).then(function (data) {
      if (mine !== generation) return;
      var items = data.map(card);
      items.forEach(function (item) { list.append(item); });
      more.hidden = shown >= results.length;
      list.setAttribute("aria-busy", "false");
      if (focus && items.length) items[0].querySelector("a").focus();
    });
  }

  function topicFacet(counts) {
    var values = Object.keys(counts);
    if (values.length < 2) return false;
    var fieldset = element("fieldset", "facet");
    fieldset.append(element("legend", "", "Topic"));
    values.forEach(function (value) {
      var box = element("input");
      box.type = "checkbox";
      box.name = "topic";
      box.value = value;
      box.checked = chosen.topic.indexOf(value) >= 0;
      box.addEventListener("change", function () {
        chosen.topic = Array.from(fieldset.querySelectorAll("input:checked"), function (b) { return b.value; });
        search();
      });
      var label = element("label");
      label.append(box, " " + value + " ", element("span", "count", "(" + counts[value] + ")"));
      fieldset.append(label);
    });
    facets.append(fieldset);
    return true;
  }

  // Years are a range, two menus, not one checkbox per year: a lab's sixty years of papers
  // would push the first result off a phone's screen.
  function yearFacet(counts) {
    allYears = Object.keys(counts).sort();
    if (allYears.length < 2) return false;
    var fieldset = element("fieldset", "facet years");
    fieldset.append(element("legend", "", "Year"));
    [["from", "From", allYears[0]], ["to", "To", allYears[allYears.length - 1]]].forEach(function (end) {
      var select = element("select");
      select.name = end[0];
      select.id = "search-year-" + end[0];
      allYears.forEach(function (year) {
        var option = element("option", "", year);
        option.value = year;
        select.append(option);
      });
      select.value = allYears.indexOf(range[end[0]]) >= 0 ? range[end[0]] : end[2];
      select.addEventListener("change", function () {
        range[end[0]] = select.value === end[2] ? "" : select.value;
        search();
      });
      var label = element("label", "", end[1] + " ");
      label.htmlFor = select.id;
      fieldset.append(label, select);
    });
    facets.append(fieldset);
    return true;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    if (pagefind) search();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    if (pagefind) timer = setTimeout(search, 200);
  });
  more.addEventListener("click", function () { showMore(true); });

  import(root.dataset.bundle)
    .then(function (module) {
      pagefind = module;
      return pagefind.options({ baseUrl: root.dataset.base });
    })
    .then(function () { return pagefind.filters(); })
    .then(function (counts) {
      var topics = topicFacet(counts.topic || {});
      var years = yearFacet(counts.year || {});
      if (!topics && !years) facets.style.visibility = "hidden";
      search();
    })
    .catch(function () {
      status.textContent = "The search index could not be loaded. Browse the papers by topic instead.";
      list.setAttribute("aria-busy", "false");
    });
})();
