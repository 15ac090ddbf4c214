// Builds the web app into frontend/dist (git-ignored): one bundle of src/main.ts with ethers
// and the contracts' ABIs (imported from backend/pawchain/chain/abi, never copied), Chart.js
// in a module of its own that the pages drawing a chart import on demand, one CSS file, all
// with content hashes in their names (served with a one-year cache), and an
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

const common = {
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
};
// Chart.js (~175 KiB) first, as its own module: the app learns its hashed name at build time
// (__CHARTS_MODULE__) and imports it when a page draws a chart. Two builds rather than
// esbuild's code splitting, which would also move shared helpers into a chunk that every
// page then loads after the app (one more request in series at each first visit).
const charts = await build({
  ...common,
  entryPoints: { charts: join(here, "src/charts/chart-canvas.ts") },
});
const chartsModule = basename(
  Object.keys(charts.metafile.outputs).find((path) => path.endsWith(".js")),
);
const result = await build({
  ...common,
  entryPoints: { app: join(here, "src/main.ts"), style: join(here, "src/style.css") },
  define: { __CHARTS_MODULE__: JSON.stringify(`/assets/${chartsModule}`) },
  external: ["/assets/*"],
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
  `frontend: built ${dist} (${script} ${Math.round(bytes(script) / 1024)} KiB, ${style} ${Math.round(bytes(style) / 1024)} KiB, ${chartsModule} ${Math.round(charts.metafile.outputs[Object.keys(charts.metafile.outputs).find((p) => p.endsWith(".js"))].bytes / 1024)} KiB)`,
);
