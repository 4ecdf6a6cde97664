// The result page: a copy-link button, and the PDF fetched with visible progress (it takes a
// few seconds to render) and saved under the name the server gives it.
(function () {
  "use strict";

  var status = document.querySelector("[data-status]");
  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  var copy = document.querySelector("[data-copy]");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.dataset.copy).then(
        function () { copy.textContent = "Link copied"; say("The link to this result is copied."); },
        function () { say("Copying was refused by the browser; the address bar has the same link."); }
      );
    });
  }

  var pdf = document.querySelector("[data-pdf]");
  if (pdf && window.fetch) {
    pdf.addEventListener("click", function (event) {
      event.preventDefault();
      if (pdf.classList.contains("working")) {
        return;
      }
      var label = pdf.textContent;
      pdf.classList.add("working");
      pdf.setAttribute("aria-busy", "true");
      pdf.textContent = "Preparing the PDF…";
      say("Preparing the PDF; this takes a few seconds.");
      var deadline = Date.now() + 120000;
      // 202 means the worker is still drawing the PDF: ask again when Retry-After says. A
      // server error while waiting (a restart, a busy database) is asked again too.
      function fetchWhenReady() {
        return fetch(pdf.href).then(function (response) {
          var again = response.status === 202 || response.status >= 500;
          if (again && Date.now() < deadline) {
            var seconds = parseInt(response.headers.get("Retry-After") || "2", 10);
            return new Promise(function (resolve) {
              setTimeout(resolve, Math.max(seconds, 1) * 1000);
            }).then(fetchWhenReady);
          }
          if (!response.ok || again) {
            throw new Error(String(response.status));
          }
          return response;
        });
      }
      fetchWhenReady().then(function (response) {
        var disposition = response.headers.get("Content-Disposition") || "";
        var match = /filename="([^"]+)"/.exec(disposition);
        return response.blob().then(function (blob) {
          var link = document.createElement("a");
          link.href = URL.createObjectURL(blob);
          link.download = match ? match[1] : "backend-recommendation.pdf";
          document.body.appendChild(link);
          link.click();
          link.remove();
          setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
          say("The PDF is ready and downloading.");
        });
      }).catch(function () {
        say("The PDF is not ready yet; please try again in a minute.");
      }).then(function () {
        pdf.classList.remove("working");
        pdf.removeAttribute("aria-busy");
        pdf.textContent = label;
      });
    });
  }
})();
