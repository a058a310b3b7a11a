// Trunk's post-build hook (Trunk.toml), run on the staged dist/ before Trunk moves it in place.
//
// 1. Strict Content-Security-Policy: Trunk writes the widget's start-up code as an inline
//    <script type="module"> in index.html, which `script-src 'self'` refuses. It is moved into
//    ratecard-boot.js, loaded by a plain <script type="module" src>, in every profile.
// 3. Release builds only: Trunk's own minifier gives up on wasm-bindgen's glue ("Failed to minify
//    JS") and ships it as it is, comments and all, so esbuild (package.json) minifies it here: the
//    glue, its inline snippets, the embed script and the iframe page's script. The exports and
//    `import.meta.url` stay as they are. Trunk has already written each file's subresource-
//    integrity hash into index.html, so those are updated too.
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) process.exit(0);
const release = process.env.TRUNK_PROFILE === "release";
const index = join(dir, "index.html");
let html = readFileSync(index, "utf8");

const inline = /<script type="?module"?>([\s\S]*?)<\/script>/;
const boot = html.match(inline);
if (boot) {
  writeFileSync(join(dir, "ratecard-boot.js"), boot[1].trim() + "\n");
  html = html.replace(inline, '<script type="module" src="./ratecard-boot.js"></script>');
  console.log("moved the inline start-up script into ratecard-boot.js");
} else if (!html.includes("ratecard-boot.js")) {
  console.error("post-build: no inline start-up script found in index.html");
  process.exit(1);
}

const sri = (text) => `sha384-${createHash("sha384").update(text).digest("base64")}`;

// 2. Code splitting (scripts/split.mjs): the glue and the main module are replaced, so their
//    integrity hashes in index.html are too.
{
  const { split } = await import("./split.mjs");
  const before = ["ratecard-web.js", "ratecard-web_bg.wasm"].map((f) => readFileSync(join(dir, f)));
  split(dir, release);
  ["ratecard-web.js", "ratecard-web_bg.wasm"].forEach((f, i) => {
    html = html.replaceAll(sri(before[i]), sri(readFileSync(join(dir, f))));
  });
}

if (release) {
  const { transformSync } = await import("esbuild");
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
  for (const file of scripts(dir)) {
    const source = readFileSync(file, "utf8");
    const { code } = transformSync(source, { minify: true, format: "esm", target: "es2022", legalComments: "none" });
    writeFileSync(file, code);
    html = html.replaceAll(sri(source), sri(code));
    console.log(`minified ${file.slice(dir.length + 1)}: ${source.length} -> ${code.length} B`);
  }
}
writeFileSync(index, html);
