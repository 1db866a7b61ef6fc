// Draw a signature with a finger, pen or mouse (pointer events) and send it as a PNG data URL.
(() => {
  const canvas = document.getElementById("signature-pad");
  if (!canvas) return;
  const form = document.getElementById("signature-form");
  const field = form.querySelector('input[name="signature"]');
  const context = canvas.getContext("2d");
  let drawing = false;
  let inked = false;

  const point = (event) => {
    const box = canvas.getBoundingClientRect();
    return [(event.clientX - box.left) * canvas.width / box.width, (event.clientY - box.top) * canvas.height / box.height];
  };
  context.lineWidth = 6;
  context.lineCap = "round";
  context.lineJoin = "round";
  context.strokeStyle = "#111";

  canvas.addEventListener("pointerdown", (event) => {
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    const [x, y] = point(event);
    context.beginPath();
    context.moveTo(x, y);
    event.preventDefault();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!drawing) return;
    const [x, y] = point(event);
    context.lineTo(x, y);
    context.stroke();
    inked = true;
    event.preventDefault();
  });
  const stop = () => { drawing = false; };
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);

  document.getElementById("signature-clear").addEventListener("click", () => {
    context.clearRect(0, 0, canvas.width, canvas.height);
    inked = false;
    field.value = "";
  });
  form.addEventListener("submit", () => {
    field.value = inked ? canvas.toDataURL("image/png") : "";
  });
  canvas.dataset.ready = "1";  // the pad listens from here on (tests and assistive tools wait for it)
})();
