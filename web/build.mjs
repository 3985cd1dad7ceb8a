// Bundles the app with esbuild into OUT_DIR (argument 1, default dist/): index.html plus assets/app-<hash>.js and
// assets/app-<hash>.css. Hashed names may be cached forever; index.html (never cached) names the current ones.
import { build } from "esbuild";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] ?? path.join(here, "dist"));
const assets = path.join(out, "assets");

await rm(assets, { recursive: true, force: true });
await mkdir(assets, { recursive: true });

const result = await build({
  entryPoints: { app: path.join(here, "src/main.ts") },
  bundle: true,
  format: "esm",
  target: ["chrome100", "firefox100", "safari15"],
  minify: true,
  sourcemap: "linked",
  entryNames: "[name]-[hash]",
  outdir: assets,
  metafile: true,
  logLevel: "warning",
  legalComments: "none",
});

const outputs = Object.keys(result.metafile.outputs).map((f) => path.basename(f));
const js = outputs.find((f) => /^app-.*\.js$/.test(f));
const css = outputs.find((f) => /^app-.*\.css$/.test(f));
if (!js || !css) throw new Error(`esbuild did not produce app-*.js and app-*.css: ${outputs.join(", ")}`);

const html = (await readFile(path.join(here, "index.html"), "utf8"))
  .replace("%APP_JS%", `assets/${js}`)
  .replace("%APP_CSS%", `assets/${css}`);
await writeFile(path.join(out, "index.html"), html);
console.log(`web: built ${js}, ${css} into ${out}`);
