// Progressive enhancement on every page. Without JavaScript the pages work as built:
// the header links to the topics instead of showing a search box, and listings keep
// the server's order (newest first, or most upvoted first on the board's pages).
// What this adds goes into space the page keeps for it, so nothing moves (issue 20).
(function () {
  "use strict";

  var collator = new Intl.Collator(document.documentElement.lang || undefined, { sensitivity: "base", numeric: true });
  var SORTS = {
    "date-desc": { label: "Newest first", compare: function (a, b) { return b.date.localeCompare(a.date); } },
    "date-asc": { label: "Oldest first", compare: function (a, b) { return a.date.localeCompare(b.date); } },
    title: { label: "Title (A to Z)", compare: function (a, b) { return collator.compare(a.title, b.title); } },
    upvotes: { label: "Most upvoted", compare: function (a, b) { return b.upvotes - a.upvotes; } },
  };

  function option(value, text) {
    var node = document.createElement("option");
    node.value = value;
    node.textContent = text;
    return node;
  }

  function labelled(text, select) {
    var label = document.createElement("label");
    label.append(text + " ", select);
    return label;
  }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function ordered(items, key, year) {
    var compare = SORTS[key].compare;
    return items
      .filter(function (item) { return year === "" || item.year === year; })
      .sort(function (a, b) { return compare(a, b) || a.position - b.position; });
  }

  // A paper of listing.json as a compact card: title, date and upvotes, as the pages write them.
  function rowCard(row, papers) {
    var item = element("li");
    var card = element("article", "card");
    var heading = element("h2", "card-title");
    var link = element("a", "", row.title);
    link.href = papers + encodeURIComponent(row.slug) + "/";
    heading.append(link);
    var meta = element("p", "meta");
    var ymd = row.date.split("-").map(Number);
    var time = element("time", "", ymd[2] + " " + MONTHS[ymd[1] - 1] + " " + ymd[0]);
    time.dateTime = row.date;
    meta.append(time);
    if (row.upvotes >= 0) {
      meta.append(" · ", element("span", "upvotes", row.upvotes + (row.upvotes === 1 ? " upvote" : " upvotes")));
    }
    card.append(heading, meta);
    item.append(card);
    return item;
  }

  function rowsOf(data) {
    var at = {};
    data.fields.forEach(function (name, i) { at[name] = i; });
    return data.papers.map(function (values, position) {
      var upvotes = values[at.upvotes];
      var date = values[at.date];
      return {
        slug: values[at.slug], title: values[at.title], date: date, year: date.slice(0, 4),
        upvotes: upvotes === null ? -1 : upvotes, position: position,
      };
    });
  }

  // Sort by date, title or upvotes and narrow by year. A one-page listing sorts its own items;
  // a listing split over pages sorts all its papers, from its listing.json, fetched on the first
  // change, and shows them a page at a time. Its own order and all years bring the page back.
  function enhance(list, index) {
    var items = Array.prototype.map.call(list.children, function (li, position) {
      var upvotes = li.dataset.upvotes;
      return {
        node: li, position: position, date: li.dataset.date || "", year: li.dataset.year || "",
        title: li.dataset.title || "", upvotes: upvotes ? Number(upvotes) : -1,
      };
    });
    var whole = Boolean(list.dataset.source);
    if (items.length < 2 && !whole) return;
    var paged = list.dataset.listing === "page" && !whole;
    var own = SORTS[list.dataset.order] ? list.dataset.order : "date-desc";
    var total = whole ? Number(list.dataset.total) : items.length;
    var perPage = Number(list.dataset.perPage) || 25;
    var pagination = list.parentNode.querySelector("nav.pagination");
    var start = list.getAttribute("start");
    var sort = element("select");
    sort.id = "listing-sort-" + index;
    var voted = own === "upvotes" || list.dataset.voted === "true" ||
      items.some(function (item) { return item.upvotes >= 0; });
    Object.keys(SORTS).forEach(function (key) {
      if (key !== "upvotes" || voted) sort.append(option(key, SORTS[key].label));
    });
    sort.value = own;
    var years = whole ? list.dataset.years.split(" ").filter(Boolean) :
      Array.from(new Set(items.map(function (item) { return item.year; }))).sort().reverse();
    var year = element("select");
    year.id = "listing-year-" + index;
    year.append(option("", "All years"));
    years.forEach(function (value) { year.append(option(value, value)); });
    var status = element("p", "count listing-status");
    status.setAttribute("role", "status");
    var more = element("button", "listing-more", "Show more papers");
    more.type = "button";
    more.hidden = true;

    var controls = list.previousElementSibling;
    if (!controls || !controls.hasAttribute("data-listing-controls")) {
      controls = element("div", "listing-controls");
      list.before(controls);
    }
    controls.setAttribute("role", "group");
    controls.setAttribute("aria-label", paged ? "Sort and filter the papers on this page" :
      whole ? "Sort and filter all " + total + " papers of this listing" : "Sort and filter these papers");
    controls.append(labelled(paged ? "Sort this page:" : whole ? "Sort all papers:" : "Sort:", sort));
    if (years.length > 1) controls.append(labelled("Year:", year));
    controls.append(status);
    list.after(more);

    var rows = null, found = [], shown = 0;

    function describe(count, of) {
      var what = of === 1 ? " paper" : " papers";
      status.textContent = "Showing " + count + " of " + of + what + ", " +
        SORTS[sort.value].label.toLowerCase() + (year.value ? ", from " + year.value : "") + ".";
    }

    function applyHere() {
      var count = 0;
      ordered(items, sort.value, "").forEach(function (item) {
        item.node.hidden = year.value !== "" && item.year !== year.value;
        if (!item.node.hidden) count += 1;
        list.append(item.node);
      });
      describe(count, items.length);
    }

    function restore() {
      list.replaceChildren.apply(list, items.map(function (item) { item.node.hidden = false; return item.node; }));
      if (start) list.setAttribute("start", start);
      if (pagination) pagination.hidden = false;
      more.hidden = true;
      status.textContent = "";
    }

    function showMore(focus) {
      var next = found.slice(shown, shown + perPage).map(function (row) { return rowCard(row, list.dataset.papers); });
      next.forEach(function (node) { list.append(node); });
      shown += next.length;
      more.hidden = shown >= found.length;
      describe(shown, found.length);
      if (focus && next.length) next[0].querySelector("a").focus();
    }

    function applyWhole() {
      if (sort.value === own && year.value === "") return restore();
      list.setAttribute("aria-busy", "true");
      (rows || (rows = fetch(list.dataset.source).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(rowsOf))).then(function (all) {
        found = ordered(all, sort.value, year.value);
        shown = 0;
        list.replaceChildren();
        list.setAttribute("start", "1");
        if (pagination) pagination.hidden = true;
        showMore(false);
        list.setAttribute("aria-busy", "false");
      }, function () {
        rows = null;
        restore();
        applyHere();
        status.textContent += " The whole listing could not be loaded: this page only.";
        list.setAttribute("aria-busy", "false");
      });
    }

    var apply = whole ? applyWhole : applyHere;
    sort.addEventListener("change", apply);
    year.addEventListener("change", apply);
    more.addEventListener("click", function () { showMore(true); });
  }

  document.querySelectorAll("ol[data-listing]").forEach(enhance);
})();
