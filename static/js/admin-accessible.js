// Gaps in the admin's own widgets, filled once they are built: a name for each
// field of an editable list or table row, for file fields, for the search boxes of
// Select2 and for the help icons of the two-list selector; keyboard access to every box
// that scrolls.
(function () {
  "use strict";

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function nameFieldsOfTableRows() {
    document.querySelectorAll("#content table").forEach(function (table) {
      var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), text);
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var title = text(row.querySelector("th, td.original p"));
        Array.prototype.forEach.call(row.children, function (cell, index) {
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
            if (field.labels.length === 0 && !field.hasAttribute("aria-label") && headers[index]) {
              field.setAttribute("aria-label", title ? headers[index] + " — " + title : headers[index]);
            }
          });
        });
      });
    });
  }

  function nameFieldsOfFieldsets() {
    // A file field is drawn as a fieldset whose legend names it, with no label for its
    // input: the input takes the legend's words.
    document.querySelectorAll("#content fieldset > legend").forEach(function (legend) {
      legend.parentElement.querySelectorAll("input[type=file]").forEach(function (field) {
        if (field.labels.length === 0 && !field.hasAttribute("aria-label")) {
          field.setAttribute("aria-label", text(legend).replace(/\s*:$/, ""));
        }
      });
    });
  }

  function nameSelect2Boxes() {
    // Select2 shows the chosen value in "select2-<id of the select>-container".
    document.querySelectorAll("[id^='select2-'][id$='-container']").forEach(function (shown) {
      var label = document.querySelector(
        "label[for='" + shown.id.slice("select2-".length, -"-container".length) + "']");
      [shown, shown.closest(".select2-selection")].forEach(function (element) {
        if (label && element && !element.hasAttribute("aria-label")) {
          element.setAttribute("aria-label", text(label));
        }
      });
    });
  }

  function giveHelpIconsARole() {
    document.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function makeScrollingBoxesFocusable() {
    document.querySelectorAll("#content *").forEach(function (box) {
      // A field that scrolls its own text already takes the focus and has its label.
      if (box.matches("input, select, textarea")) {
        return;
      }
      var overflow = getComputedStyle(box).overflowX;
      if ((overflow === "auto" || overflow === "scroll") && !box.hasAttribute("tabindex")) {
        var heading = box.closest("fieldset, .module, form");
        var name = heading && text(heading.querySelector("legend, h2, caption"));
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        if (name) {
          box.setAttribute("aria-label", name);
        }
      }
    });
  }

  function fillGaps() {
    nameFieldsOfTableRows();
    nameFieldsOfFieldsets();
    nameSelect2Boxes();
    giveHelpIconsARole();
    makeScrollingBoxesFocusable();
  }

  // Select2 is built when jQuery is ready, which may come after the load event; the
  // two-list selector on load. Each gap is filled once, whichever comes first.
  window.addEventListener("load", fillGaps);
  if (window.django && window.django.jQuery) {
    window.django.jQuery(fillGaps);
  }
})();
