// Builds the web app into frontend/dist (git-ignored): one bundle of src/main.ts with ethers
// and the contracts' ABIs (imported from backend/pawchain/chain/abi, never copied), one CSS
// file, both with content hashes in their names (served with a one-year cache), and an
// index.html naming them (served with no-cache). Run by bin/setup: `node frontend/build.mjs`.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// PAWCHAIN_FRONTEND_OUT builds elsewhere (the build's test does, leaving the served dist alone).
const dist = process.env.PAWCHAIN_FRONTEND_OUT || join(here, "dist");
const assets = join(dist, "assets");

rmSync(dist, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });

const result = await build({
  entryPoints: { app: join(here, "src/main.ts"), style: join(here, "src/style.css") },
  bundle: true,
  minify: true,
  sourcemap: "linked",
  format: "esm",
  target: ["es2020", "chrome100", "firefox100", "safari15"],
  outdir: assets,
  entryNames: "[name]-[hash]",
  metafile: true,
  legalComments: "linked",
  logLevel: "warning",
});

const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
const script = outputs.find((name) => name.startsWith("app-") && name.endsWith(".js"));
const style = outputs.find((name) => name.startsWith("style-") && name.endsWith(".css"));
if (!script || !style) throw new Error(`build: missing outputs in ${outputs.join(", ")}`);

copyFileSync(join(here, "public/favicon.svg"), join(assets, "favicon.svg"));
const page = readFileSync(join(here, "index.html"), "utf8")
  .replace("%SCRIPT%", `/assets/${script}`)
  .replace("%STYLE%", `/assets/${style}`);
writeFileSync(join(dist, "index.html"), page);
const bytes = (name) =>
  result.metafile.outputs[Object.keys(result.metafile.outputs).find((p) => p.endsWith(name))].bytes;
console.log(
  `frontend: built ${dist} (${script} ${Math.round(bytes(script) / 1024)} KiB, ${style} ${Math.round(bytes(style) / 1024)} KiB)`,
);
