// After a refused submit, a person on a phone or using a screen reader learns at once that
// something needs correcting: the error summary comes into view and takes the focus.
// Each of its links then brings the field and its label (or question) into view together.
(function () {
  "use strict";
  var summary = document.getElementById("sommaire-erreurs");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) {
      return;
    }
    event.preventDefault();
    var question = field.closest("fieldset");
    var label = question ? question.querySelector("legend")
                         : document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
