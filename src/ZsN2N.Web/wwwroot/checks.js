// Checks of a chosen file against the server's limits (GET /api/limits) before anything is sent: its type, its size,
// and, when the browser can read the image's header, its pixels. The server checks again; these save a refused upload.
import { formatBytes, formatPixels, listNames } from "./format.js";

// The refusal of `file` as a sentence, or null when it may be sent.
export async function checkFile(file, limits) {
  const format = formatOf(file, limits.formats);
  if (!format) {
    return `${file.name} is not an image this server accepts: choose a ${listNames(limits.formats.map((f) => f.name))} file.`;
  }
  if (file.size === 0) {
    return `${file.name} is empty (0 bytes).`;
  }
  if (file.size > limits.maxBytes) {
    return `${file.name} is ${formatBytes(file.size)}; this server accepts files of at most ${formatBytes(limits.maxBytes)}.`;
  }
  const size = await pixelSize(file);
  if (size && size.width * size.height > limits.maxPixels) {
    return `${file.name} is ${size.width}×${size.height} = ${formatPixels(size.width * size.height)}; ` +
      `this server accepts at most ${formatPixels(limits.maxPixels)}.`;
  }
  return null;
}

// The accepted format the file claims by its media type or its extension (browsers guess the type from the
// extension, and give none for some); what the bytes are, the server finds out.
function formatOf(file, formats) {
  const type = (file.type || "").toLowerCase();
  const dot = file.name.lastIndexOf(".");
  const extension = dot >= 0 ? file.name.slice(dot).toLowerCase() : "";
  return formats.find((f) => f.mediaTypes.includes(type) || f.extensions.includes(extension)) || null;
}

// The image's width and height as the browser reads them from its header (it decodes the pixels only to draw them);
// null for a format the browser cannot show (TIFF in most), which the server measures instead.
function pixelSize(file) {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const image = new Image();
    const done = (size) => { URL.revokeObjectURL(url); resolve(size); };
    image.onload = () => done({ width: image.naturalWidth, height: image.naturalHeight });
    image.onerror = () => done(null);
    image.src = url;
  });
}
