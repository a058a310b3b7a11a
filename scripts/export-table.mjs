// wasm-bindgen 0.2.130 drops the main module's `__indirect_function_table` export, which the
// wasm-split loader hands to every chunk; this puts it back (the module's funcref table).
import { readFileSync, writeFileSync } from "node:fs";

const uleb = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return out; };

export function exportTable(path, name = "__indirect_function_table") {
  const b = readFileSync(path);
  let i = 8;
  const leb = () => { let r = 0, s = 0, x; do { x = b[i++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return r >>> 0; };
  const sections = [];
  while (i < b.length) { const start = i; const id = b[i++]; const size = leb(); const body = i; i += size; sections.push({ id, start, body, end: i }); }
  const tables = sections.find((s) => s.id === 4);
  const exports = sections.find((s) => s.id === 7);
  if (!tables || !exports) throw new Error(`export-table: no table or export section in ${path}`);
  if (sections.some((s) => s.id === 2 && b.slice(s.body, s.end).includes(Buffer.from(name)))) throw new Error("export-table: imported table");
  i = tables.body; const count = leb(); let index = -1;
  for (let t = 0; t < count; t++) { const type = b[i++]; if (type === 0x70 && index < 0) index = t; const flags = b[i++]; leb(); if (flags & 1) leb(); }
  if (index < 0) throw new Error("export-table: no funcref table");
  i = exports.body; const n = leb(); const rest = b.slice(i, exports.end);
  if (rest.includes(Buffer.from(name))) return;
  const entry = [...uleb(name.length), ...Buffer.from(name), 0x01, ...uleb(index)];
  const body = Buffer.concat([Buffer.from(uleb(n + 1)), rest, Buffer.from(entry)]);
  const section = Buffer.concat([Buffer.from([7, ...uleb(body.length)]), body]);
  writeFileSync(path, Buffer.concat([b.slice(0, exports.start), section, b.slice(exports.end)]));
}
