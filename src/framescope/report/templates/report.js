// Clicking (or pressing Enter on) a quote shows how the other outlets reproduce it: the word-level diff
// panels are already in the page, hidden; this only copies one into the dialog. No content is evaluated.
(function () {
  "use strict";
  var box = document.getElementById("diffbox");
  var content = document.getElementById("diffcontent");
  function show(id) {
    var panel = null;
    document.querySelectorAll("[data-panel]").forEach(function (p) {
      if (p.getAttribute("data-panel") === id) { panel = p; }
    });
    content.textContent = "";
    if (panel) {
      content.appendChild(panel.cloneNode(true));
    } else {
      var p = document.createElement("p");
      p.textContent = "No other outlet in this story carries this quotation.";
      content.appendChild(p);
    }
    box.hidden = false;
  }
  document.addEventListener("click", function (ev) {
    var q = ev.target.closest ? ev.target.closest("[data-q]") : null;
    if (q) { show(q.getAttribute("data-q")); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { box.hidden = true; return; }
    if (ev.key === "Enter" && ev.target.hasAttribute && ev.target.hasAttribute("data-q")) {
      show(ev.target.getAttribute("data-q"));
    }
  });
  document.getElementById("diffclose").addEventListener("click", function () { box.hidden = true; });
}());
