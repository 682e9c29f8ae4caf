// ZsN2N web page: uploads an image to /api/jobs, follows the job over Server-Sent Events, shows the result.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const form = $("form"), fileInput = $("file"), drop = $("drop"), fileName = $("file-name");
  const sigmaRow = $("sigma-row"), sigma = $("sigma"), sigmaValue = $("sigma-value");
  const startButton = $("start"), cancelButton = $("cancel"), againButton = $("again");
  const uploadSection = $("upload"), progressSection = $("progress"), resultSection = $("result"), errorBox = $("error");
  const bar = $("bar"), statusText = $("status"), statStep = $("stat-step"), statLoss = $("stat-loss"), statLeft = $("stat-left");
  const compare = $("compare"), before = $("before"), after = $("after"), slider = $("slider"), psnr = $("psnr");
  const downloadPng = $("download-png"), downloadOnnx = $("download-onnx");

  let job = null;      // the current job's last view
  let events = null;   // its EventSource
  let chosen = null;   // the file to upload

  const mode = () => form.querySelector("input[name=mode]:checked").value;

  function show(section, visible) { section.hidden = !visible; }

  function showError(message) {
    errorBox.textContent = message;
    show(errorBox, Boolean(message));
  }

  function choose(file) {
    chosen = file || null;
    fileName.textContent = chosen ? `${chosen.name} (${formatBytes(chosen.size)})` : "";
    showError("");
  }

  function formatBytes(n) {
    if (n < 1024) return `${n} B`;
    if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
    return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  }

  function formatSeconds(s) {
    if (s == null || !isFinite(s)) return "–";
    s = Math.max(0, Math.round(s));
    const m = Math.floor(s / 60);
    return m > 0 ? `${m} min ${s % 60} s` : `${s} s`;
  }

  // --- choosing a file: picker (keyboard: the input is focusable), or drag and drop onto the label ---
  fileInput.addEventListener("change", () => choose(fileInput.files[0]));
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add("dragging"); });
  }
  for (const type of ["dragleave", "drop"]) {
    drop.addEventListener(type, () => drop.classList.remove("dragging"));
  }
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer.files.length > 0) choose(e.dataTransfer.files[0]);
  });

  form.addEventListener("change", (e) => {
    if (e.target.name === "mode") show(sigmaRow, mode() === "addNoise");
  });
  sigma.addEventListener("input", () => { sigmaValue.textContent = sigma.value; });

  // --- upload ---
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!chosen) {
      showError("Choose an image first.");
      fileInput.focus();
      return;
    }

    const body = new FormData();
    body.append("image", chosen, chosen.name);
    body.append("mode", mode());
    if (mode() === "addNoise") body.append("sigma", String(Number(sigma.value) / 255));

    startButton.disabled = true;
    showError("");
    try {
      const response = await fetch("/api/jobs", { method: "POST", body });
      const payload = await response.json().catch(() => null);
      if (response.status !== 202) {
        let message = problemMessage(payload, response);
        const retry = response.headers.get("Retry-After");
        if (response.status === 429 && retry) message += ` (try again in ${retry} s)`;
        showError(message);
        return;
      }
      start(payload);
    } catch (err) {
      showError(`The upload failed: ${err.message}`);
    } finally {
      startButton.disabled = false;
    }
  });

  function problemMessage(problem, response) {
    if (problem && problem.errors) {
      return Object.values(problem.errors).flat().join(" ");
    }
    if (problem && (problem.detail || problem.title)) {
      return [problem.title, problem.detail].filter(Boolean).join(": ");
    }
    return `The server answered ${response.status} ${response.statusText}.`;
  }

  // --- progress ---
  function start(view) {
    job = view;
    show(uploadSection, false);
    show(resultSection, false);
    show(progressSection, true);
    cancelButton.disabled = false;
    render(view);
    cancelButton.focus();
    events = new EventSource(view.links.events);
    events.addEventListener("job", (e) => render(JSON.parse(e.data)));
    events.onerror = () => {
      // EventSource reconnects by itself; once the job is over the server ends the stream on purpose.
      if (job && isOver(job.status)) stopEvents();
    };
  }

  function stopEvents() {
    if (events) {
      events.close();
      events = null;
    }
  }

  const isOver = (status) => status === "succeeded" || status === "failed" || status === "canceled";

  function render(view) {
    job = view;
    const total = view.totalIterations || 1;
    bar.max = total;
    bar.value = view.iteration;
    statStep.textContent = `${view.iteration} / ${total}`;
    statLoss.textContent = view.loss == null ? "–" : view.loss.toPrecision(4);
    statLeft.textContent = formatSeconds(view.remainingSeconds);
    switch (view.status) {
      case "queued":
        statusText.textContent = view.queuePosition > 0
          ? `Waiting: ${view.queuePosition} image(s) ahead of yours.`
          : "Waiting for the next free worker…";
        break;
      case "running":
        statusText.textContent = `Training on your ${view.width}×${view.height} image: ${Math.floor(100 * view.iteration / total)}%.`
          + (view.training && view.training !== "the whole image" ? ` Each step trains on ${view.training}, as the photo is large.` : "");
        break;
      case "succeeded":
        stopEvents();
        showResult(view);
        break;
      case "failed":
      case "canceled":
        stopEvents();
        show(progressSection, false);
        show(uploadSection, true);
        showError(view.error || (view.status === "canceled" ? "Cancelled." : "Denoising failed."));
        job = null;
        break;
    }
  }

  cancelButton.addEventListener("click", async () => {
    if (!job) return;
    cancelButton.disabled = true;
    statusText.textContent = "Cancelling…";
    try {
      const response = await fetch(job.links.cancel, { method: "POST" });
      if (response.ok) render(await response.json());
    } catch (err) {
      showError(`Could not cancel: ${err.message}`);
      cancelButton.disabled = false;
    }
  });

  // Leaving the page cancels a job still in progress (the server also cancels jobs nobody watches).
  window.addEventListener("pagehide", () => {
    if (job && !isOver(job.status)) navigator.sendBeacon(job.links.cancel);
  });

  // --- result ---
  function showResult(view) {
    show(progressSection, false);
    const stamp = `?v=${encodeURIComponent(view.finishedAt || "")}`;
    before.src = view.links.input + stamp;
    after.src = view.links.result + stamp;
    compare.style.aspectRatio = `${view.width} / ${view.height}`;
    downloadPng.href = view.links.result;
    downloadOnnx.href = view.links.model;
    if (view.psnrNoisy != null && view.psnrDenoised != null) {
      psnr.textContent = `PSNR against your photo: noisy ${view.psnrNoisy.toFixed(2)} dB → denoised ${view.psnrDenoised.toFixed(2)} dB ` +
        `(σ = ${Math.round(view.sigma * 255)}/255, ${view.iteration} steps).`;
      show(psnr, true);
    } else {
      psnr.textContent = "";
      show(psnr, false);
    }
    setSplit(50);
    show(resultSection, true);
    $("result-title").setAttribute("tabindex", "-1");
    $("result-title").focus();
  }

  function setSplit(percent) {
    const p = Math.min(100, Math.max(0, Math.round(percent)));
    slider.value = String(p);
    slider.setAttribute("aria-valuetext", `${100 - p}% denoised`);
    compare.style.setProperty("--split", `${p}%`);
  }

  // The range input covers the picture: a drag or a tap moves the split, arrow/Home/End keys step it.
  slider.addEventListener("input", () => setSplit(Number(slider.value)));

  againButton.addEventListener("click", () => {
    job = null;
    show(resultSection, false);
    show(uploadSection, true);
    fileInput.focus();
  });

  // Tell the visitor the limits this server enforces.
  fetch("/api/limits").then((r) => (r.ok ? r.json() : null)).then((limits) => {
    if (limits) $("limits").textContent = `PNG, JPEG, BMP, TIFF or WebP, up to ${formatBytes(limits.maxBytes)} and ${(limits.maxPixels / 1e6).toFixed(1)} megapixels`;
  }).catch(() => {});
})();
