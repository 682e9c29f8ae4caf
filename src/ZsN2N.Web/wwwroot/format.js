// Numbers for people. formatBytes follows the server's rule (ByteSize.cs), so the page and the API say the same size.

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

// "45 s", "3 min 5 s", "2 min", "1 h 2 min", "1 h"; "–" when unknown.
export function formatSeconds(s) {
  if (s == null || !isFinite(s)) return "–";
  s = Math.max(0, Math.round(s));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${Math.floor(m / 60)} h`;
}

// "4,000,000"
export function formatCount(n) {
  return n.toLocaleString("en-US");
}

// "4.0 megapixels", "100,000 pixels"
export function formatPixels(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} megapixels` : `${formatCount(n)} pixels`;
}

// "PNG, JPEG or GIF"
export function listNames(names) {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}
