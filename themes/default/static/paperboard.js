// Progressive enhancement: the Copy button of the BibTeX block. The button is in the page from
// the start (hidden without JavaScript), so nothing moves when this runs; the text stays selectable.
(function () {
  var block = document.getElementById("bibtex");
  var button = document.getElementById("copy-bibtex");
  if (!block || !button) return;
  var wrap = button.parentNode;
  if (!navigator.clipboard) {
    wrap.style.visibility = "hidden";
    return;
  }
  var status = wrap.querySelector("[role=status]");
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(block.textContent).then(function () {
      status.textContent = " Copied.";
    }, function () {
      status.textContent = " Select the text and copy it.";
    });
  });
})();
