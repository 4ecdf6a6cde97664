// Every form on the site: the error summary takes focus when a page arrives with one, and a
// posted form shows that it is working (buttons disabled, the pressed one relabelled) until the
// next page arrives, so a slow answer never looks like a dead button.
(function () {
  "use strict";

  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  function reset(form) {
    delete form.dataset.submitting;
    form.querySelectorAll("[data-carried]").forEach(function (input) { input.remove(); });
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("aria-busy");
      button.classList.remove("working");
      if (button.dataset.label) {
        button.textContent = button.dataset.label;
      }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) {
      return;
    }
    if (form.dataset.submitting) {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = "1";
    var submitter = event.submitter;
    // A disabled button is left out of the posted answers, so carry its name and value.
    if (submitter && submitter.name) {
      var carried = document.createElement("input");
      carried.type = "hidden";
      carried.name = submitter.name;
      carried.value = submitter.value;
      carried.dataset.carried = "1";
      form.appendChild(carried);
    }
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.disabled = true;
    });
    if (submitter) {
      submitter.dataset.label = submitter.textContent;
      submitter.textContent = form.dataset.working || "Working…";
      submitter.classList.add("working");
      submitter.setAttribute("aria-busy", "true");
    }
  });

  // Coming back with the browser's back button shows the page as it was left: working again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.querySelectorAll("form").forEach(reset);
    }
  });
})();
