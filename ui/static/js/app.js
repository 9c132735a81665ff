// Sends the CSRF token with every htmx request; plain forms carry it as a hidden field.
document.addEventListener("htmx:configRequest", (event) => {
  const header = document.body.dataset.csrfHeader;
  const token = document.body.dataset.csrfToken;
  if (header && token) {
    event.detail.headers[header] = token;
  }
});

// A form whose submit button (or the form itself) carries data-confirm asks before it is sent, whether htmx or the
// browser sends it. Runs in the capture phase, ahead of htmx's own submit listener, so a "no" stops both.
document.addEventListener(
  "submit",
  (event) => {
    const message = event.submitter?.dataset.confirm || event.target.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true,
);

// Other htmx elements with data-confirm (a button or link that requests by itself) ask before the request goes out.
// Forms were asked on submit already. No inline scripts: the CSP forbids them.
document.addEventListener("htmx:confirm", (event) => {
  const message = event.target.dataset.confirm;
  if (event.target.tagName !== "FORM" && message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// Every console and site form that posts is sent by htmx (hx-boost) unless it opts out with data-plain-form, so that a
// refusal can be shown in the form instead of replacing the page: what was typed stays, the message sits next to the
// field it is about. Success still navigates as the plain form would (redirects are followed, the page is swapped in).
function boostForms(root) {
  root.querySelectorAll("form[method=post]:not([hx-post]):not([hx-get]):not([data-plain-form])").forEach((form) => {
    if (!form.hasAttribute("hx-boost")) {
      form.setAttribute("hx-boost", "true");
      window.htmx?.process(form);
    }
  });
}
document.addEventListener("DOMContentLoaded", () => boostForms(document));
document.addEventListener("htmx:load", (event) => boostForms(event.detail.elt.parentElement || document));

// A refused form request (4xx/5xx) shows its problem in the form that sent it, and each named field gets its own
// message right after it (aria-invalid, aria-describedby), instead of the error replacing the page.
document.addEventListener("htmx:beforeSwap", (event) => {
  const form = event.detail.requestConfig?.elt?.closest?.("form");
  if (!form || event.detail.xhr.status < 400) {
    return;
  }
  event.detail.shouldSwap = false;
  const answer = new DOMParser().parseFromString(event.detail.serverResponse, "text/html");
  const problem = answer.querySelector(".problem") || answer.querySelector("[role=alert]");
  form.querySelectorAll(".field-error").forEach((old) => old.remove());
  form.querySelectorAll("[aria-invalid]").forEach((field) => field.removeAttribute("aria-invalid"));
  let slot = form.querySelector(":scope > .form-error");
  if (!slot) {
    slot = document.createElement("div");
    slot.className = "form-error";
    form.prepend(slot);
  }
  slot.replaceChildren();
  const notice = document.createElement("p");
  notice.className = "notice error";
  notice.setAttribute("role", "alert");
  const heading = problem?.querySelector("strong")?.textContent;
  const message = problem?.querySelector(".problem-message")?.textContent;
  notice.textContent = problem
    ? (heading && message ? heading + ": " + message : problem.textContent.trim())
    : "The request was refused (" + event.detail.xhr.status + ").";
  slot.append(notice);
  answer.querySelectorAll("[data-field]").forEach((item, index) => {
    const field = form.elements.namedItem(item.dataset.field);
    const input = field instanceof RadioNodeList ? field[0] : field;
    if (!input || input.type === "hidden") {
      const line = document.createElement("p");
      line.className = "field-error";
      line.textContent = item.textContent;
      slot.append(line);
      return;
    }
    const message = document.createElement("p");
    message.className = "field-error";
    message.id = (input.id || input.name) + "-error-" + index;
    message.textContent = item.dataset.message;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", message.id);
    input.insertAdjacentElement("afterend", message);
  });
  (form.querySelector("[aria-invalid]") || notice).focus?.();
});
