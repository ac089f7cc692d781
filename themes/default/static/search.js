// The search page: queries the Pagefind index in the browser (it fetches only the index
// chunks a query needs) and renders results as plain, accessible HTML. The query and the
// chosen topics and years live in the URL (?q=&topic=&year=), so a search can be shared.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var PAGE = 10;
  var FACETS = [["topic", "Topic"], ["year", "Year"]];
  var form = root.querySelector("form");
  var input = form.elements.q;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var facets = document.getElementById("search-facets");
  var params = new URLSearchParams(location.search);
  var chosen = { topic: params.getAll("topic"), year: params.getAll("year") };
  var pagefind = null, results = [], shown = 0, generation = 0, timer = 0;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  input.value = params.get("q") || "";
  root.querySelector("[data-search-ui]").hidden = false;
  status.textContent = "Loading the search index…";

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

  function filters() {
    var selected = {};
    FACETS.forEach(function (facet) {
      if (chosen[facet[0]].length) selected[facet[0]] = { any: chosen[facet[0]] };
    });
    return selected;
  }

  function remember(query) {
    var next = new URLSearchParams();
    if (query) next.set("q", query);
    FACETS.forEach(function (facet) {
      chosen[facet[0]].forEach(function (value) { next.append(facet[0], value); });
    });
    var search = next.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  }

  function describe(count, query) {
    var papers = count === 1 ? "1 paper" : count + " papers";
    var within = Object.keys(filters()).length ? " with the chosen filters" : "";
    if (!query) return papers + within + ", newest first.";
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
      if (mine !== generation) return;
      results = found.results;
      shown = 0;
      list.textContent = "";
      status.textContent = describe(results.length, query);
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

  function facet(name, legend, counts) {
    var values = Object.keys(counts);
    values.sort(name === "year" ? function (a, b) { return b.localeCompare(a); } : undefined);
    if (values.length < 2) return;
    var fieldset = element("fieldset", "facet");
    fieldset.append(element("legend", "", legend));
    values.forEach(function (value) {
      var box = element("input");
      box.type = "checkbox";
      box.name = name;
      box.value = value;
      box.checked = chosen[name].indexOf(value) >= 0;
      box.addEventListener("change", function () {
        chosen[name] = Array.from(fieldset.querySelectorAll("input:checked"), function (b) { return b.value; });
        search();
      });
      var label = element("label");
      label.append(box, " " + value + " ", element("span", "count", "(" + counts[value] + ")"));
      fieldset.append(label);
    });
    facets.append(fieldset);
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
      FACETS.forEach(function (f) { facet(f[0], f[1], counts[f[0]] || {}); });
      search();
    })
    .catch(function () {
      status.textContent = "The search index could not be loaded. Browse the papers by topic instead.";
      list.setAttribute("aria-busy", "false");
    });
})();
