// The JS API package's entry for Node (dist-api/package.json, export condition "node"): starts
// the WebAssembly module from the file beside this one, so that `import { quote } from
// "ratecard-api"` is ready to call. Browsers and bundlers use ratecard-api.js and call `init()`.
import { readFileSync } from "node:fs";
import { initSync } from "./ratecard-api.js";

initSync({ module: readFileSync(new URL("./ratecard-api_bg.wasm", import.meta.url)) });

export * from "./ratecard-api.js";
export { default } from "./ratecard-api.js";
