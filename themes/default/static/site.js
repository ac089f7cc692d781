// Progressive enhancement on every page. Without JavaScript the pages work as built:
// the header links to the topics instead of showing a search box, and listings keep
// the server's order (newest first).
(function () {
  "use strict";

  // The search box searches in the browser, so it only makes sense with JavaScript.
  document.querySelectorAll("form[data-search-box]").forEach(function (form) {
    form.hidden = false;
  });

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

  // Sort by date, title or upvotes and narrow by year, on the papers of this page only.
  function enhance(list, index) {
    var items = Array.prototype.map.call(list.children, function (li, position) {
      var upvotes = li.dataset.upvotes;
      return {
        node: li, position: position, date: li.dataset.date || "", year: li.dataset.year || "",
        title: li.dataset.title || "", upvotes: upvotes ? Number(upvotes) : -1,
      };
    });
    if (items.length < 2) return;
    var paged = list.dataset.listing === "page";
    var sort = document.createElement("select");
    sort.id = "listing-sort-" + index;
    var voted = items.some(function (item) { return item.upvotes >= 0; });
    Object.keys(SORTS).forEach(function (key) {
      if (key !== "upvotes" || voted) sort.append(option(key, SORTS[key].label));
    });
    var years = Array.from(new Set(items.map(function (item) { return item.year; }))).sort().reverse();
    var year = document.createElement("select");
    year.id = "listing-year-" + index;
    year.append(option("", "All years"));
    years.forEach(function (value) { year.append(option(value, value)); });
    var status = document.createElement("p");
    status.className = "count listing-status";
    status.setAttribute("role", "status");

    var controls = document.createElement("div");
    controls.className = "listing-controls";
    controls.setAttribute("role", "group");
    controls.setAttribute("aria-label", paged ? "Sort and filter the papers on this page" : "Sort and filter these papers");
    controls.append(labelled(paged ? "Sort this page:" : "Sort:", sort));
    if (years.length > 1) controls.append(labelled("Year:", year));
    controls.append(status);
    list.before(controls);

    function apply() {
      var compare = SORTS[sort.value].compare;
      var ordered = items.slice().sort(function (a, b) { return compare(a, b) || a.position - b.position; });
      var shown = 0;
      ordered.forEach(function (item) {
        item.node.hidden = year.value !== "" && item.year !== year.value;
        if (!item.node.hidden) shown += 1;
        list.append(item.node);
      });
      var what = shown === 1 ? " paper" : " papers";
      status.textContent = "Showing " + shown + " of " + items.length + what + ", " +
        SORTS[sort.value].label.toLowerCase() + (year.value ? ", from " + year.value : "") + ".";
    }
    sort.addEventListener("change", apply);
    year.addEventListener("change", apply);
  }

  document.querySelectorAll("ol[data-listing]").forEach(enhance);
})();
