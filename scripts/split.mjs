// Code splitting (wasm-split), run by scripts/post-build.mjs on Trunk's staged dist/.
//
// The widget's `#[lazy]` functions (feature `split`) are cut off the main module into chunks that
// the page fetches on first use. wasm-split reads the linker's relocations (build.rs passes
// `--emit-relocs`), so it works on cargo's own output, before wasm-bindgen:
//   1. `wasm-split-cli` (crate wasm_split_cli_support, installed by scripts/setup-web.sh) writes the
//      main module, one `split_*.wasm` per chunk and the loader `__wasm_split.js`, which the main
//      module imports and which fetches chunks by `new URL(name, import.meta.url)`, so from next
//      to itself under any path prefix;
//   2. wasm-bindgen writes the glue for the main module, as Trunk did for the whole;
//   3. release builds: wasm-opt -Oz on every module (Trunk's own wasm-opt is off, data-wasm-opt="0",
//      because it would run before the split).
// The results replace Trunk's glue and wasm in dist/; the caller updates their integrity hashes.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, cpSync } from "node:fs";
import { join } from "node:path";
import { tmpdir, homedir } from "node:os";
import { exportTable } from "./export-table.mjs";

function tool(name) {
  for (const dir of [join(process.cwd(), "node_modules", ".bin"), join(homedir(), ".cargo", "bin")]) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  return name;
}

export function split(dir, release) {
  const target = process.env.CARGO_TARGET_DIR || "target";
  const raw = join(target, "wasm32-unknown-unknown", release ? "release" : "debug", "ratecard-web.wasm");
  if (!existsSync(raw)) throw new Error(`split: ${raw} not found`);
  const work = mkdtempSync(join(tmpdir(), "ratecard-split-"));
  try {
    const run = (cmd, args) => execFileSync(tool(cmd), args, { stdio: ["ignore", "inherit", "inherit"] });
    run("wasm-split-cli", [raw, work, "--out-name", "ratecard-web"]);
    const out = join(work, "bindgen");
    run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", out, "--out-name", "ratecard-web", join(work, "ratecard-web.wasm")]);
    exportTable(join(out, "ratecard-web_bg.wasm"));
    copyFileSync(join(out, "ratecard-web.js"), join(dir, "ratecard-web.js"));
    if (existsSync(join(out, "snippets"))) cpSync(join(out, "snippets"), join(dir, "snippets"), { recursive: true });
    copyFileSync(join(work, "__wasm_split.js"), join(dir, "__wasm_split.js"));
    const modules = [[join(out, "ratecard-web_bg.wasm"), join(dir, "ratecard-web_bg.wasm")]];
    for (const name of readdirSync(work)) {
      // `split_*.wasm` per `#[lazy]` function, and `chunk_*.wasm` for code that two or more of
      // them share (fetched before either, by the loader).
      const chunk = name.startsWith("split_") || name.startsWith("chunk_");
      if (chunk && name.endsWith(".wasm")) modules.push([join(work, name), join(dir, name)]);
    }
    for (const [from, to] of modules) {
      if (release) run("wasm-opt", ["-Oz", "--low-memory-unused", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue", from, "-o", to]);
      else copyFileSync(from, to);
    }
    console.log(`split: main module and ${modules.length - 1} on-demand chunk(s)`);
    return modules.map(([, to]) => to);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
