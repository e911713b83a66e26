// `npm run bench`: the cost of each stage of a lint on generated templates of about
// 20 KB, 200 KB and 1 MB, next to a bare js-yaml `parseEvents` pass over the same text.
// It prints figures; it is not a timed test.
import { parseEvents } from 'js-yaml';
import { BENCH_SIZES, generateTemplate } from './generate';
import { buildModel, parseSource, RULES, runRules } from '../src/core';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time<T>(work: () => T): [T, number] {
  const started = process.hrtime.bigint();
  const result = work();
  return [result, Number(process.hrtime.bigint() - started) / 1e6];
}

function measure(text: string, format: 'yaml' | 'json'): Record<string, number> {
  const samples: Record<string, number[]> = { bare: [], parse: [], model: [], rules: [], total: [] };
  for (let run = 0; run < RUNS + 2; run++) {
    const [, bare] = format === 'yaml' ? time(() => parseEvents(text, {})) : time(() => JSON.parse(text));
    const [source, parse] = time(() => parseSource(text, format));
    const [model, modelTime] = time(() => buildModel(source));
    const [findings, rules] = time(() => runRules(model, RULES));
    if (findings.some((finding) => finding.severity === 'error')) throw new Error('generated template has errors');
    if (run < 2) continue; // warm-up
    samples.bare.push(bare);
    samples.parse.push(parse);
    samples.model.push(modelTime);
    samples.rules.push(rules);
    samples.total.push(parse + modelTime + rules);
  }
  return Object.fromEntries(Object.entries(samples).map(([stage, values]) => [stage, median(values)]));
}

const rows: string[] = [];
for (const format of ['yaml', 'json'] as const) {
  for (const [label, bytes] of Object.entries(BENCH_SIZES)) {
    const text = generateTemplate(bytes, format);
    const m = measure(text, format);
    const bareName = format === 'yaml' ? 'parseEvents' : 'JSON.parse';
    rows.push(`| ${format} | ${label} | ${(text.length / 1024).toFixed(0)} KiB | ${m.parse.toFixed(2)} | ${m.model.toFixed(2)} | ${m.rules.toFixed(2)} | **${m.total.toFixed(2)}** | ${bareName} ${m.bare.toFixed(2)} | ${(m.total / m.bare).toFixed(2)}× |`);
  }
}
console.log(`Medians of ${RUNS} runs, milliseconds (node ${process.version}).\n`);
console.log('| format | size | bytes | parse | model | rules | whole lint | bare parser | ratio |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
console.log(rows.join('\n'));
