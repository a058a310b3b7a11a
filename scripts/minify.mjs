// Trunk's post-build hook (Trunk.toml): minifies the widget's JavaScript in release builds.
//
// Trunk's own minifier gives up on wasm-bindgen's glue ("Failed to minify JS") and ships it as it
// is, comments and all, so esbuild (package.json) minifies it here: the glue, its inline snippets
// and the embed script. The exports and `import.meta.url` stay as they are. Trunk has already
// written each file's subresource-integrity hash into index.html, so those are updated too.
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { transformSync } from "esbuild";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir || process.env.TRUNK_PROFILE !== "release") process.exit(0);

function* scripts(path) {
  for (const name of readdirSync(path)) {
    const full = join(path, name);
    if (statSync(full).isDirectory()) {
      if (name === "snippets" || path.includes("snippets")) yield* scripts(full);
    } else if (name.endsWith(".js") && !name.startsWith("ratecard-api")) {
      yield full;
    }
  }
}

const sri = (text) => `sha384-${createHash("sha384").update(text).digest("base64")}`;
const index = join(dir, "index.html");
let html = readFileSync(index, "utf8");
for (const file of scripts(dir)) {
  const source = readFileSync(file, "utf8");
  const { code } = transformSync(source, { minify: true, format: "esm", target: "es2022", legalComments: "none" });
  writeFileSync(file, code);
  html = html.replaceAll(sri(source), sri(code));
  console.log(`minified ${file.slice(dir.length + 1)}: ${source.length} -> ${code.length} B`);
}
writeFileSync(index, html);
