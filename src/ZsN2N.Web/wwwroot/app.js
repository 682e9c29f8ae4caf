// ZsN2N web page: checks an image and uploads it to /api/jobs, follows the job over Server-Sent Events at an address
// of its own (?job=<id>, so a refresh or a shared link finds it again), and shows the result in the comparison viewer.
// Leaving the page does not cancel: the server cancels a job nobody has watched for a while.
import { checkFile } from "./checks.js";
import { formatBytes, formatCount, formatPixels, formatSeconds, listNames } from "./format.js";
import { CompareViewer } from "./viewer.js";

const $ = (id) => document.getElementById(id);
const form = $("form"), fileInput = $("file"), drop = $("drop"), fileName = $("file-name");
const sigmaRow = $("sigma-row"), sigma = $("sigma"), sigmaValue = $("sigma-value");
const startButton = $("start"), cancelButton = $("cancel"), againButton = $("again");
const sections = { upload: $("upload"), progress: $("progress"), result: $("result") };
const errorBox = $("error"), noticeBox = $("notice");
const bar = $("bar"), statusText = $("status"), planText = $("plan"), statStep = $("stat-step"), statLoss = $("stat-loss"), statLeft = $("stat-left");
const jobLink = $("job-link"), psnr = $("psnr"), downloadPng = $("download-png"), downloadOnnx = $("download-onnx");

const viewer = new CompareViewer({
  viewport: $("compare"),
  images: { before: $("before"), after: $("after") },
  slider: $("slider"),
  zoomIn: $("zoom-in"),
  zoomOut: $("zoom-out"),
  fit: $("zoom-fit"),
  actual: $("zoom-actual"),
  zoomLabel: $("zoom-level"),
});

let limits = null;   // GET /api/limits
let job = null;      // the followed job's last view
let events = null;   // its EventSource
let chosen = null;   // the file to upload, once it passed the checks

const choice = (name) => form.querySelector(`input[name=${name}]:checked`).value;
const isOver = (status) => status === "succeeded" || status === "failed" || status === "canceled";

// --- messages: an error is an alert, a notice (a cancel, an expired link) is news; either takes the focus ---

function say(kind, message) {
  const [box, other] = kind === "error" ? [errorBox, noticeBox] : [noticeBox, errorBox];
  other.hidden = true;
  box.textContent = message;
  box.hidden = false;
  box.focus();
}

function unsay() {
  errorBox.hidden = true;
  noticeBox.hidden = true;
}

function showOnly(name) {
  for (const [key, section] of Object.entries(sections)) section.hidden = key !== name;
}

// --- the job's address ---

function jobInAddress() {
  return new URLSearchParams(location.search).get("job");
}

function setAddress(id, push) {
  const url = id ? `?job=${encodeURIComponent(id)}` : location.pathname;
  history[push ? "pushState" : "replaceState"]({ job: id }, "", url);
}

// Shows what the address names: the upload form, or the job (running, finished, or gone).
async function route() {
  stopEvents();
  job = null;
  const id = jobInAddress();
  if (!id) {
    showOnly("upload");
    return;
  }

  showOnly("progress");
  statusText.textContent = "Looking the job up…";
  let response;
  try {
    response = await fetch(`/api/jobs/${encodeURIComponent(id)}`);
  } catch (err) {
    showOnly("upload");
    say("error", `The server cannot be reached (${err.message}). Reload the page to try again.`);
    return;
  }
  if (response.status === 404) {
    setAddress(null, false);
    showOnly("upload");
    const kept = limits ? ` for ${formatSeconds(limits.resultLifetimeSeconds)} after they finish` : "";
    say("notice", `There is no job at that address: results are kept${kept}, and this one has gone (or the link is incomplete). Choose an image to start again.`);
    return;
  }
  follow(await response.json());
}

window.addEventListener("popstate", route);

// --- choosing and checking a file ---

async function choose(file) {
  chosen = null;
  unsay();
  if (!file) {
    fileName.textContent = "";
    return;
  }
  fileName.textContent = `${file.name} (${formatBytes(file.size)})`;
  const refusal = limits ? await checkFile(file, limits) : null;
  if (refusal) {
    say("error", refusal);
    return;
  }
  chosen = file;
}

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
  if (e.target.name === "mode") sigmaRow.hidden = choice("mode") !== "addNoise";
});
sigma.addEventListener("input", () => { sigmaValue.textContent = sigma.value; });

// --- upload ---

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  if (!chosen) {
    if (errorBox.hidden) say("error", "Choose an image first.");
    else errorBox.focus();
    return;
  }

  const body = new FormData();
  body.append("image", chosen, chosen.name);
  body.append("mode", choice("mode"));
  if (choice("mode") === "addNoise") body.append("sigma", String(Number(sigma.value) / 255));
  body.append("preset", choice("preset"));
  body.append("quality", choice("quality"));
  body.append("noise", choice("noise"));

  startButton.disabled = true;
  unsay();
  try {
    const response = await fetch("/api/jobs", { method: "POST", body });
    const payload = await response.json().catch(() => null);
    if (response.status !== 202) {
      let message = problemMessage(payload, response);
      const retry = response.headers.get("Retry-After");
      if (response.status === 429 && retry) message += ` (try again in ${retry} s)`;
      say("error", message);
      return;
    }
    setAddress(payload.id, true);
    follow(payload);
    cancelButton.focus();
  } catch (err) {
    say("error", `The upload failed: ${err.message}`);
  } finally {
    startButton.disabled = false;
  }
});

function problemMessage(problem, response) {
  if (problem && problem.errors) return Object.values(problem.errors).flat().join(" ");
  if (problem && (problem.detail || problem.title)) return [problem.title, problem.detail].filter(Boolean).join(": ");
  return `The server answered ${response.status} ${response.statusText}.`;
}

// --- following a job ---

function follow(view) {
  stopEvents();
  showOnly("progress");
  cancelButton.disabled = false;
  jobLink.href = location.href;
  render(view);
  if (isOver(view.status)) return;
  events = new EventSource(view.links.events);
  events.addEventListener("job", (e) => render(JSON.parse(e.data)));
  events.onerror = () => {
    // EventSource reconnects by itself; the server ends the stream once the job is over. A stream that cannot come
    // back (the job expired, the server restarted) is looked up again.
    if (job && isOver(job.status)) stopEvents();
    else if (events && events.readyState === EventSource.CLOSED) route();
  };
}

function stopEvents() {
  if (events) {
    events.close();
    events = null;
  }
}

function render(view) {
  job = view;
  const total = view.totalIterations || 1;
  bar.max = total;
  bar.value = view.iteration;
  statStep.textContent = `${formatCount(view.iteration)} / ${formatCount(total)}`;
  statLoss.textContent = view.loss == null ? "–" : view.loss.toPrecision(4);
  planText.textContent = describePlan(view);
  switch (view.status) {
    case "queued":
      statusText.textContent = view.queuePosition > 0
        ? `Waiting: ${view.queuePosition} image${view.queuePosition === 1 ? "" : "s"} ahead of yours.`
        : "Waiting for the image before yours to finish.";
      statLeft.textContent = view.remainingSeconds == null ? "–" : `about ${formatSeconds(view.remainingSeconds)}`;
      break;
    case "running":
      if (view.finishing) {
        statusText.textContent = "Finishing: the network is trained; the denoised image is being computed and saved.";
        statLeft.textContent = "finishing…";
      } else {
        statusText.textContent = `Training on your ${view.width}×${view.height} image: ${Math.floor(100 * view.iteration / total)}%.`;
        statLeft.textContent = view.remainingSeconds == null ? "measuring…" : formatSeconds(view.remainingSeconds);
      }
      break;
    case "succeeded":
      stopEvents();
      showResult(view);
      break;
    case "failed":
      stopEvents();
      showOnly("upload");
      say("error", view.error || "Denoising failed.");
      break;
    case "canceled":
      stopEvents();
      showOnly("upload");
      say("notice", `${view.error || "Cancelled."} The image was not denoised; choose an image to start again.`);
      break;
  }
}

function describePlan(view) {
  const speed = view.preset === "fast" ? "fast" : "official";
  const quality = view.quality === "high" ? "high quality" : "official quality";
  const crops = view.training && !view.training.endsWith("the whole image") ? ` Training sees ${view.training}, as the photo is large.` : "";
  const noise = view.noise !== "independent" ? ` Noise: ${view.noiseDescription}.` : "";
  return `${formatCount(view.totalIterations)} steps (${speed} speed, ${quality}).${noise}${crops}`;
}

cancelButton.addEventListener("click", async () => {
  if (!job) return;
  cancelButton.disabled = true;
  statusText.textContent = "Cancelling…";
  try {
    const response = await fetch(job.links.cancel, { method: "POST" });
    if (response.ok) render(await response.json());
  } catch (err) {
    say("error", `Could not cancel: ${err.message}`);
    cancelButton.disabled = false;
  }
});

// --- result ---

function showResult(view) {
  showOnly("result");
  const stamp = `?v=${encodeURIComponent(view.finishedAt || "")}`;
  viewer.show(view.links.input + stamp, view.links.result + stamp, view.width, view.height);
  downloadPng.href = view.links.result;
  downloadOnnx.href = view.links.model;
  if (view.psnrNoisy != null && view.psnrDenoised != null) {
    psnr.textContent = `PSNR against your photo: noisy ${view.psnrNoisy.toFixed(2)} dB → denoised ${view.psnrDenoised.toFixed(2)} dB ` +
      `(σ = ${Math.round(view.sigma * 255)}/255, ${view.iteration} steps).`;
    psnr.hidden = false;
  } else {
    psnr.hidden = true;
  }
  const title = $("result-title");
  title.setAttribute("tabindex", "-1");
  title.focus();
}

againButton.addEventListener("click", () => {
  setAddress(null, true);
  route();
  fileInput.focus();
});

// The speed choices with this server's steps; the measured gain of "fast" only where it is the preset's own schedule.
function describeSpeeds(steps) {
  $("speed-official").textContent = `the paper's schedule, ${formatCount(steps.official)} steps`;
  $("speed-fast").textContent = steps.fast < steps.official
    ? `the same schedule in ${formatCount(steps.fast)} steps: about half the time, within 0.05 dB of the official result`
    : `${formatCount(steps.fast)} steps on this server, as many as the official choice`;
}

// --- start: the server's limits and choices, then whatever the address names ---

async function start() {
  try {
    const response = await fetch("/api/limits");
    limits = response.ok ? await response.json() : null;
  } catch {
    limits = null;
  }
  if (limits) {
    const names = listNames(limits.formats.map((f) => f.name));
    fileInput.accept = limits.formats.flatMap((f) => [...f.mediaTypes, ...f.extensions]).join(",");
    $("limits").textContent = `${names}, up to ${formatBytes(limits.maxBytes)} and ${formatPixels(limits.maxPixels)}`;
    describeSpeeds(limits.iterations);
    $("keep-hint").textContent = `(a job nobody looks at for ${formatSeconds(limits.abandonAfterSeconds)} is cancelled), ` +
      `and to its result for ${formatSeconds(limits.resultLifetimeSeconds)} after it finishes`;
  }
  await route();
}

start();
