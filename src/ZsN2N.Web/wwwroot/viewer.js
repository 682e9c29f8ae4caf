// The before/after comparison: one view of two images that zooms and pans as one, so a pixel of the noisy image and
// the same pixel of the denoised one always sit at the same place on the screen; the split decides which is shown
// where. "1:1" puts one image pixel on one device pixel, where the noise and the detail can be judged.
//
// Mouse: the wheel zooms about the pointer, a drag pans (or moves the split when the image fits the view, or when it
// starts on the divider), a double click switches between the whole image and 1:1. Touch: one finger as a drag,
// two fingers pinch to zoom and move together to pan. Keyboard, on the focused view: arrows pan, + and - zoom, 0 fits
// the whole image, 1 is 1:1; the split is the range input below the view (arrows, Home, End).

const MAX_DEVICE_PIXELS_PER_PIXEL = 16;
const ZOOM_STEP = 1.25;
const DIVIDER_GRAB_PX = 24;
const VIEW_HEIGHT = "65vh";

export class CompareViewer {
  constructor({ viewport, images, slider, zoomIn, zoomOut, fit, actual, zoomLabel }) {
    Object.assign(this, { viewport, images, slider, zoomLabel });
    this.width = 1;
    this.height = 1;
    this.scale = 1;     // CSS pixels per image pixel
    this.x = 0;         // where the image's top left corner is in the view, in CSS pixels
    this.y = 0;
    this.fitted = true; // follows the view's size while nobody has zoomed
    this.pointers = new Map();
    this.gesture = null;

    slider.addEventListener("input", () => this.setSplit(Number(slider.value)));
    zoomIn.addEventListener("click", () => this.zoomBy(ZOOM_STEP));
    zoomOut.addEventListener("click", () => this.zoomBy(1 / ZOOM_STEP));
    fit.addEventListener("click", () => this.fit());
    actual.addEventListener("click", () => this.actualPixels());
    viewport.addEventListener("wheel", (e) => this.onWheel(e), { passive: false });
    viewport.addEventListener("pointerdown", (e) => this.onPointerDown(e));
    viewport.addEventListener("pointermove", (e) => this.onPointerMove(e));
    for (const type of ["pointerup", "pointercancel"]) viewport.addEventListener(type, (e) => this.onPointerUp(e));
    viewport.addEventListener("dblclick", (e) => this.onDoubleClick(e));
    viewport.addEventListener("keydown", (e) => this.onKey(e));
    new ResizeObserver(() => this.onResize()).observe(viewport);
  }

  // Shows two images of width x height pixels, the whole of them, split in the middle.
  show(beforeUrl, afterUrl, width, height) {
    this.width = width;
    this.height = height;
    // As wide as the page allows and no taller than VIEW_HEIGHT, in the image's proportions: the whole image fills it.
    this.viewport.style.aspectRatio = `${width} / ${height}`;
    this.viewport.style.width = `min(100%, calc(${VIEW_HEIGHT} * ${width / height}))`;
    this.images.before.src = beforeUrl;
    this.images.after.src = afterUrl;
    for (const image of Object.values(this.images)) {
      image.style.width = `${width}px`;
      image.style.height = `${height}px`;
    }
    this.setSplit(50);
    this.fit();
  }

  setSplit(percent) {
    const p = Math.min(100, Math.max(0, Math.round(percent)));
    this.slider.value = String(p);
    this.slider.setAttribute("aria-valuetext", `${100 - p}% denoised`);
    this.viewport.style.setProperty("--split", `${p}%`);
  }

  get deviceScale() { return this.scale * (window.devicePixelRatio || 1); }

  get fitScale() {
    const { width, height } = this.size();
    return Math.min(width / this.width, height / this.height);
  }

  get minScale() { return Math.min(this.fitScale, 1 / (window.devicePixelRatio || 1)); }

  get maxScale() { return MAX_DEVICE_PIXELS_PER_PIXEL / (window.devicePixelRatio || 1); }

  // Whether the image is larger than the view somewhere, so a drag has something to pan.
  get pannable() {
    const { width, height } = this.size();
    return this.width * this.scale > width + 0.5 || this.height * this.scale > height + 0.5;
  }

  fit() {
    this.fitted = true;
    this.scale = this.fitScale;
    this.place(0, 0);
  }

  // One image pixel on one device pixel, about the view's centre (or the given point).
  actualPixels(at) {
    this.zoomTo(1 / (window.devicePixelRatio || 1), at);
  }

  zoomBy(factor, at) {
    this.zoomTo(this.scale * factor, at);
  }

  zoomTo(scale, at) {
    const { width, height } = this.size();
    const point = at || { x: width / 2, y: height / 2 };
    const next = Math.min(this.maxScale, Math.max(this.minScale, scale));
    // Keep the image pixel under the point where it is.
    const imageX = (point.x - this.x) / this.scale;
    const imageY = (point.y - this.y) / this.scale;
    this.fitted = false;
    this.scale = next;
    this.place(point.x - imageX * next, point.y - imageY * next);
  }

  panBy(dx, dy) {
    this.place(this.x + dx, this.y + dy);
  }

  // Moves the image to (x, y), kept covering the view where it is larger and centred where it is smaller, and
  // snapped to device pixels so 1:1 stays exact.
  place(x, y) {
    const { width, height } = this.size();
    const dpr = window.devicePixelRatio || 1;
    const shownWidth = this.width * this.scale;
    const shownHeight = this.height * this.scale;
    x = shownWidth <= width ? (width - shownWidth) / 2 : Math.min(0, Math.max(width - shownWidth, x));
    y = shownHeight <= height ? (height - shownHeight) / 2 : Math.min(0, Math.max(height - shownHeight, y));
    this.x = Math.round(x * dpr) / dpr;
    this.y = Math.round(y * dpr) / dpr;
    this.render();
  }

  render() {
    const transform = `translate(${this.x}px, ${this.y}px) scale(${this.scale})`;
    const pixelated = this.deviceScale > 1.001;
    for (const image of Object.values(this.images)) {
      image.style.transform = transform;
      image.classList.toggle("pixelated", pixelated);
    }
    this.viewport.classList.toggle("pannable", this.pannable);
    const percent = Math.round(this.deviceScale * 100);
    this.zoomLabel.textContent = this.fitted ? `${percent}% (fit)` : percent === 100 ? "100% (1:1)" : `${percent}%`;
  }

  size() {
    return { width: this.viewport.clientWidth || 1, height: this.viewport.clientHeight || 1 };
  }

  local(e) {
    const box = this.viewport.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  }

  onResize() {
    if (this.fitted) this.fit();
    else this.place(this.x, this.y);
  }

  onWheel(e) {
    const pixels = e.deltaY * (e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.size().height : 1);
    const factor = Math.exp(-pixels * 0.002);
    const next = Math.min(this.maxScale, Math.max(this.minScale, this.scale * factor));
    if (next === this.scale) return; // at the end of the range the page scrolls as usual
    e.preventDefault();
    this.zoomTo(next, this.local(e));
  }

  onPointerDown(e) {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    this.viewport.setPointerCapture(e.pointerId);
    this.pointers.set(e.pointerId, this.local(e));
    if (this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()];
      this.gesture = { kind: "pinch", distance: Math.hypot(a.x - b.x, a.y - b.y) || 1, middle: middle(a, b), scale: this.scale };
      return;
    }
    const point = this.local(e);
    const dividerX = (Number(this.slider.value) / 100) * this.size().width;
    const onDivider = Math.abs(point.x - dividerX) <= DIVIDER_GRAB_PX;
    this.gesture = onDivider || !this.pannable ? { kind: "split" } : { kind: "pan", last: point };
    if (this.gesture.kind === "split") this.splitAt(point.x);
  }

  onPointerMove(e) {
    if (!this.pointers.has(e.pointerId) || !this.gesture) return;
    const point = this.local(e);
    this.pointers.set(e.pointerId, point);
    switch (this.gesture.kind) {
      case "split":
        this.splitAt(point.x);
        break;
      case "pan":
        this.panBy(point.x - this.gesture.last.x, point.y - this.gesture.last.y);
        this.gesture.last = point;
        break;
      case "pinch": {
        const [a, b] = [...this.pointers.values()];
        const now = middle(a, b);
        this.panBy(now.x - this.gesture.middle.x, now.y - this.gesture.middle.y);
        this.zoomTo(this.gesture.scale * (Math.hypot(a.x - b.x, a.y - b.y) / this.gesture.distance), now);
        this.gesture.middle = now;
        break;
      }
    }
    e.preventDefault();
  }

  onPointerUp(e) {
    this.pointers.delete(e.pointerId);
    if (this.pointers.size === 0) {
      this.gesture = null;
    } else if (this.gesture && this.gesture.kind === "pinch") {
      // One finger lifted: the other pans on from where it is.
      this.gesture = { kind: "pan", last: [...this.pointers.values()][0] };
    }
  }

  onDoubleClick(e) {
    if (this.fitted) this.actualPixels(this.local(e));
    else this.fit();
  }

  onKey(e) {
    const step = (e.shiftKey ? 0.5 : 0.1) * Math.min(this.size().width, this.size().height);
    const actions = {
      ArrowLeft: () => this.panBy(step, 0),
      ArrowRight: () => this.panBy(-step, 0),
      ArrowUp: () => this.panBy(0, step),
      ArrowDown: () => this.panBy(0, -step),
      "+": () => this.zoomBy(ZOOM_STEP),
      "=": () => this.zoomBy(ZOOM_STEP),
      "-": () => this.zoomBy(1 / ZOOM_STEP),
      "0": () => this.fit(),
      "1": () => this.actualPixels(),
    };
    const action = actions[e.key];
    if (!action || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    action();
  }

  splitAt(x) {
    this.setSplit((100 * x) / this.size().width);
  }
}

function middle(a, b) {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}
