// Build the static front-end assets into vawdasv/static/vawdasv/build/.
// Runs from `make` (npm run build); nothing is fetched from a CDN at run time.
import { compile } from "sass";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "vawdasv", "static", "vawdasv", "build");
mkdirSync(out, { recursive: true });

const css = compile(join(root, "frontend", "vawdasv.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
});
writeFileSync(join(out, "vawdasv.css"), css.css);

const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
cpSync(join(root, "node_modules", "axe-core", "axe.min.js"), join(root, "tests", "browser", "axe.min.js"));
console.log(`built ${out}`);
