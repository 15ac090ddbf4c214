#!/usr/bin/env node
// A native-solc look-alike for py-solc-x (and so for brownie), backed by the npm `solc`
// package (the official compiler built to WebAssembly). No native solc binary can be
// installed offline here; py-solc-x only ever runs `<binary> --version` and
// `<binary> --standard-json [--allow-paths a,b] [--base-path p]` with the JSON on stdin,
// so those two calls are all this bridge answers. Imports that are not in the input
// (OpenZeppelin under node_modules, through brownie's remappings) are read from disk,
// but only below the base path or an allowed path, as native solc would.
'use strict';

const fs = require('fs');
const path = require('path');
const solc = require('solc');

function optionValue(args, name) {
  const index = args.indexOf(name);
  return index >= 0 && index + 1 < args.length ? args[index + 1] : undefined;
}

function allowedRoots(args) {
  const roots = [process.cwd()];
  const basePath = optionValue(args, '--base-path');
  if (basePath) roots.push(path.resolve(basePath));
  const allow = optionValue(args, '--allow-paths');
  if (allow) for (const p of allow.split(',')) if (p) roots.push(path.resolve(p));
  return roots;
}

function makeImportReader(roots) {
  return function readImport(importPath) {
    for (const root of roots) {
      const candidate = path.resolve(root, importPath);
      const inside = roots.some((r) => candidate === r || candidate.startsWith(r + path.sep));
      if (inside && fs.existsSync(candidate)) {
        return { contents: fs.readFileSync(candidate, 'utf8') };
      }
    }
    return { error: `File not found inside the allowed paths: ${importPath}` };
  };
}

function main(args) {
  if (args.includes('--version')) {
    // py-solc-x parses "<major>.<minor>.<patch>+commit.<hash>" out of this line.
    process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
    return 0;
  }
  if (args.includes('--standard-json')) {
    const input = fs.readFileSync(0, 'utf8');
    const output = solc.compile(input, { import: makeImportReader(allowedRoots(args)) });
    process.stdout.write(output);
    return 0; // like native solc: errors are reported inside the JSON, not by exit code
  }
  process.stderr.write('solc bridge: only --version and --standard-json are supported\n');
  return 2;
}

process.exitCode = main(process.argv.slice(2));
