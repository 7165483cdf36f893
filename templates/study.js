// Keyboard shortcuts for study pages; everything also works without this script.
// On a question: 1-9 pick the n-th choice (toggle for checkboxes). On a verdict: 1-4 submit that rating.
(function () {
  "use strict";
  // The key hints are only true when this script runs.
  document.querySelectorAll(".keys-hint").forEach(function (el) { el.hidden = false; });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" && t.type === "text" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
    if (!/^[1-9]$/.test(e.key)) return;
    var n = parseInt(e.key, 10);
    var rating = document.querySelector('#rating-form button[data-key="' + n + '"]');
    if (rating) { e.preventDefault(); rating.click(); return; }
    var choices = document.querySelectorAll('#answer-form input[name="choice"]');
    if (choices.length >= n) {
      e.preventDefault();
      var c = choices[n - 1];
      c.checked = c.type === "checkbox" ? !c.checked : true;
      c.focus();
    }
  });
})();
