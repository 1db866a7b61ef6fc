// Send the CSRF token with every htmx request (the token is in a meta tag; no inline script under the CSP).
document.addEventListener("htmx:configRequest", (event) => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) event.detail.headers["X-CSRFToken"] = meta.content;
});

// A form posted with errors: move the focus to its error summary, whose links lead to each field.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".zl-error-summary");
  if (summary) summary.focus();
});

// A badge a page wrote by hand with its ChoiceSet colour (style="--c: …") but without a text colour gets black or
// white, whichever reads better (the rule of {% badge %}, core.ui.badges.text_colour), so its contrast holds.
function readableBadges(root) {
  root.querySelectorAll('.badge[style*="--c"]').forEach((el) => {
    if (el.style.getPropertyValue("--c-text")) return;
    const rgb = getComputedStyle(el).backgroundColor.match(/\d+(\.\d+)?/g);
    if (!rgb || rgb.length < 3) return;
    const [r, g, b] = rgb.slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    el.style.setProperty("--c-text", 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#fff" : "#1f2329");
  });
}
document.addEventListener("DOMContentLoaded", () => readableBadges(document));
document.addEventListener("htmx:afterSwap", (event) => readableBadges(event.detail.target));

// Bulk actions on a list (ui/bulk_bar.html): the count of ticked rows, "tick all on this page", and each action's
// button enabled only when every ticked row may take it (the server checks again and asks to confirm).
function updateBulk() {
  const form = document.querySelector("[data-bulk-form]");
  if (!form) return;
  const ticked = [...document.querySelectorAll("input[data-bulk-row]:checked")];
  form.querySelector("[data-bulk-count]").textContent = ticked.length;
  form.querySelectorAll("[data-bulk-action]").forEach((button) => {
    const code = button.dataset.bulkAction;
    button.disabled = !ticked.length || !ticked.every((box) => box.dataset.bulk.split(" ").includes(code));
  });
}
document.addEventListener("change", (event) => {
  if (event.target.matches("input[data-bulk-all]")) {
    document.querySelectorAll("input[data-bulk-row]").forEach((box) => { box.checked = event.target.checked; });
  }
  if (event.target.matches("input[data-bulk-row], input[data-bulk-all]")) updateBulk();
});
document.addEventListener("DOMContentLoaded", updateBulk);

// Printing: a print button ({% print_button %}) opens the browser's print dialog; charts are redrawn at the
// paper's width before printing and back at the screen's after.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
function resizeCharts() {
  if (!window.echarts) return;
  document.querySelectorAll("[_echarts_instance_]").forEach((el) => {
    const chart = window.echarts.getInstanceByDom(el);
    if (chart) chart.resize();
  });
}
window.addEventListener("beforeprint", resizeCharts);
window.addEventListener("afterprint", resizeCharts);
