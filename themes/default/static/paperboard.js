// Progressive enhancement: a Copy button for the BibTeX block. The text stays selectable without it.
(function () {
  var block = document.getElementById("bibtex");
  if (!block || !navigator.clipboard) return;
  var wrap = document.createElement("p");
  wrap.className = "cite-actions";
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = "Copy BibTeX";
  var status = document.createElement("span");
  status.setAttribute("role", "status");
  status.className = "count";
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(block.textContent).then(function () {
      status.textContent = " Copied.";
    }, function () {
      status.textContent = " Select the text and copy it.";
    });
  });
  wrap.appendChild(button);
  wrap.appendChild(status);
  block.parentNode.insertBefore(wrap, block);
})();
