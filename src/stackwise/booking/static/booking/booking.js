// Booking pages, enhanced: everything here also works without JavaScript, only slower.
(function () {
  "use strict";

  // The error summary takes focus, so a screen reader reads it and the page shows it.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  var picker = document.getElementById("slot-picker");
  if (picker) {
    var zone = picker.getAttribute("data-zone");
    var select = document.getElementById("tz");
    var params = new URLSearchParams(window.location.search);
    var own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // First visit: show times in the browser's zone (nothing is typed yet, so nothing is lost).
    var typed = document.querySelector("form[method=post] [name=name]");
    if (own && own !== zone && !params.has("tz") && !summary && typed && !typed.value) {
      params.set("tz", own);
      window.location.replace(window.location.pathname + "?" + params.toString());
      return;
    }
    // Another zone: resubmit the picker with what was typed (the server keeps the fields), as
    // soon as the field holds a zone from the list; Enter submits whatever was typed, and the
    // server names a wrong one. The "Show times" button is only needed without this script.
    if (select) {
      var show = picker.querySelector("button[name=show]");
      var known = {};
      document.querySelectorAll("#zone-list option").forEach(function (option) {
        known[option.value] = true;
      });
      var submitZone = function () {
        if (select.form.requestSubmit && show) {
          select.form.requestSubmit(show);
        } else if (show) {
          show.click();
        }
      };
      if (show) {
        show.hidden = true;
      }
      select.addEventListener("change", function () {
        if (known[select.value] && select.value !== zone) {
          submitZone();
        }
      });
      select.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          submitZone();
        }
      });
    }
    // Days switch on the page, without a round trip.
    picker.addEventListener("click", function (event) {
      var button = event.target.closest("button.day");
      if (!button) {
        return;
      }
      event.preventDefault();
      picker.querySelectorAll("button.day").forEach(function (other) {
        var chosen = other === button;
        other.classList.toggle("chosen", chosen);
        other.setAttribute("aria-pressed", chosen ? "true" : "false");
      });
      picker.querySelectorAll(".day-times").forEach(function (group) {
        group.hidden = group.getAttribute("data-day") !== button.value;
      });
    });
    // Times on the browser's own clock (12 or 24 hours, as its locale reads them).
    var hour12 = new Intl.DateTimeFormat(undefined, { hour: "numeric" }).resolvedOptions().hour12;
    var clock = new Intl.DateTimeFormat(undefined, {
      hour: hour12 ? "numeric" : "2-digit", minute: "2-digit", hour12: hour12, timeZone: zone
    });
    picker.querySelectorAll("input[data-start]").forEach(function (input) {
      var label = input.parentNode.querySelector(".time");
      if (label) {
        label.textContent = clock.format(new Date(input.getAttribute("data-start")));
      }
    });
  }

  // A visible working state while a form submits; a second click does not post twice.
  document.querySelectorAll("form[data-working]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || button.getAttribute("formnovalidate") !== null) {
        return;
      }
      if (form.classList.contains("working")) {
        event.preventDefault();
        return;
      }
      form.classList.add("working");
      button.setAttribute("aria-disabled", "true");
      button.classList.add("working");
      button.textContent = form.getAttribute("data-working");
    });
  });
})();
