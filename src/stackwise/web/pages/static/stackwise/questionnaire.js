// The questionnaire without a round trip between steps: Back always, Next when the step's
// answers pass the browser's own checks. Anything else posts, and the server shows what needs
// another look, exactly as it does without JavaScript.
(function () {
  "use strict";

  var form = document.getElementById("questionnaire");
  if (!form) {
    return;
  }
  var steps = Array.prototype.slice.call(form.querySelectorAll("fieldset.step"));
  var stepInput = form.querySelector("[data-current-step]");
  var next = form.querySelector("[data-next]");
  var finish = form.querySelector("[data-finish]");
  var back = form.querySelector("[data-back]");
  var progress = document.querySelector("#progress progress");
  var number = document.querySelector("[data-step-number]");
  var title = document.querySelector("[data-step-title]");

  function show(index, focus) {
    steps.forEach(function (step, i) { step.hidden = i !== index; });
    stepInput.value = String(index);
    next.hidden = index === steps.length - 1;
    finish.hidden = !next.hidden;
    back.hidden = index === 0;
    progress.value = index + 1;
    number.textContent = String(index + 1);
    title.textContent = steps[index].dataset.title;
    if (focus) {
      steps[index].querySelector("h2").focus();
    }
  }

  function passes(step) {
    var inputs = step.querySelectorAll("input, select");
    for (var i = 0; i < inputs.length; i += 1) {
      if (!inputs[i].checkValidity()) {
        return false;
      }
    }
    return true;
  }

  function leave(step) {
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.remove();
    }
    step.querySelectorAll(".errorlist").forEach(function (list) { list.remove(); });
    step.querySelectorAll(".invalid").forEach(function (field) { field.classList.remove("invalid"); });
  }

  form.addEventListener("submit", function (event) {
    var go = event.submitter ? event.submitter.value : "";
    var current = Number(stepInput.value);
    var target = null;
    if (go === "back" && current > 0) {
      target = current - 1;
    } else if (go === "next" && current < steps.length - 1 && passes(steps[current])) {
      leave(steps[current]);
      target = current + 1;
    }
    if (target === null) {
      return;
    }
    event.preventDefault();
    show(target, true);
    history.pushState({ step: target }, "");
  });

  history.replaceState({ step: Number(stepInput.value) }, "");
  window.addEventListener("popstate", function (event) {
    if (event.state && typeof event.state.step === "number") {
      show(event.state.step, true);
    }
  });
})();
