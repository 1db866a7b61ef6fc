// Drag the seal image over the signature-page preview; keep its spot in PDF points (origin bottom-left).
(() => {
  const stage = document.getElementById("seal-stage");
  const seal = document.getElementById("seal-handle");
  const form = document.getElementById("seal-form");
  if (!stage || !seal || !form) return;
  const pageWidth = Number(stage.dataset.pageWidth);
  const pageHeight = Number(stage.dataset.pageHeight);
  const fields = { x: form.elements.x, y: form.elements.y, size: form.elements.size };
  const label = document.getElementById("seal-position");
  const scale = () => stage.getBoundingClientRect().width / pageWidth;
  const clamp = (value, low, high) => Math.min(Math.max(value, low), high);

  const place = () => {
    const s = scale();
    const size = Number(fields.size.value);
    seal.style.width = `${size * s}px`;
    seal.style.height = `${size * s}px`;
    seal.style.left = `${Number(fields.x.value) * s}px`;
    seal.style.top = `${(pageHeight - Number(fields.y.value) - size) * s}px`;
    label.textContent = `X ${Number(fields.x.value).toFixed(0)} pt, Y ${Number(fields.y.value).toFixed(0)} pt`;
  };

  let start = null;
  seal.addEventListener("pointerdown", (event) => {
    seal.setPointerCapture(event.pointerId);
    start = { px: event.clientX, py: event.clientY, x: Number(fields.x.value), y: Number(fields.y.value) };
    event.preventDefault();
  });
  seal.addEventListener("pointermove", (event) => {
    if (!start) return;
    const s = scale();
    const size = Number(fields.size.value);
    fields.x.value = clamp(start.x + (event.clientX - start.px) / s, 0, pageWidth - size).toFixed(2);
    fields.y.value = clamp(start.y - (event.clientY - start.py) / s, 0, pageHeight - size).toFixed(2);
    place();
  });
  const stop = () => { start = null; };
  seal.addEventListener("pointerup", stop);
  seal.addEventListener("pointercancel", stop);
  window.addEventListener("resize", place);
  const preview = document.getElementById("page-preview");
  if (preview.complete) place(); else preview.addEventListener("load", place);
  place();
  seal.dataset.ready = "1";  // dragging works from here on (tests wait for it)
})();
