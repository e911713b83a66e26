// Bundles the extension and the CLI with esbuild. Type checking is `npm run typecheck`.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD build hides its requires from bundlers; its ESM build does not.
  mainFields: ['module', 'main'],
};

// The AWS SDK goes into dist/aws.js, which the extension and the CLI `require('../aws')` only when
// a deployed pipeline is asked for: their own bundles stay small and start fast. The package is
// built with `vsce --no-dependencies`, so the SDK must be inside it, not in node_modules.
const awsChunk = {
  name: 'aws-chunk',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/aws$/ }, () => ({ path: './aws', external: true }));
  },
};

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [awsChunk],
  }),
  esbuild.build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    define: { CPX_VERSION: JSON.stringify(version) },
    plugins: [awsChunk],
  }),
  esbuild.build({
    ...common,
    entryPoints: ['src/aws/index.ts'],
    outfile: 'dist/aws.js',
  }),
]);
