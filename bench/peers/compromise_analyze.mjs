// compromise (and optionally wink-nlp) peers for bench/analyze_speed.sh.
//
// compromise, per article: nlp(text), then .sentences(), .people(),
// .places(), .organizations() and .quotations(): the closest one-library
// match to parallax's sentences, entities and quotes.
// wink-nlp with wink-eng-lite-web-model, per article: readDoc(text), its
// sentences, tokens and entities (wink's entities are dates, numbers,
// money, URLs... not people or organisations: counted, but not the same
// thing).
//
// Usage: node compromise_analyze.mjs ARTICLES.jsonl [--sample N] [--reps R]
//        [--tool compromise|wink]
// Prints a readable line on stderr and one "RESULT {json}" line on stdout.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function arg(name, def) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : def;
}

const path = process.argv[2];
if (!path || path.startsWith('--')) {
  process.stderr.write('usage: compromise_analyze.mjs ARTICLES.jsonl ' +
    '[--sample N] [--reps R] [--tool compromise|wink]\n');
  process.exit(2);
}
const sample = Number(arg('--sample', '2000'));
const reps = Math.max(1, Number(arg('--reps', '3')));
const tool = arg('--tool', 'compromise');

const texts = [];
for (const line of readFileSync(path, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const rec = JSON.parse(line);
  if (!rec.text) continue;
  texts.push(rec.text);
  if (sample && texts.length >= sample) break;
}
const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t, 'utf8'), 0);

function pkgVersion(name) {
  const url = new URL(`./node_modules/${name}/package.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')).version;
}

function loadPkg(name) {
  try {
    return require(name);
  } catch (e) {
    process.stderr.write(`${tool}: package ${name} is missing: ` +
      'cd bench/peers && npm ci\n');
    process.exit(3);
  }
}

let run, label;
if (tool === 'compromise') {
  const nlpMod = loadPkg('compromise');
  const nlp = nlpMod.default || nlpMod;
  const version = pkgVersion('compromise');
  label = `compromise ${version}`;
  run = () => {
    let sents = 0, toks = 0, ents = 0, quotes = 0;
    for (const t of texts) {
      const doc = nlp(t);
      sents += doc.sentences().length;
      toks += doc.wordCount();
      ents += doc.people().length + doc.places().length +
        doc.organizations().length;
      quotes += doc.quotations().length;
    }
    return { sents, toks, ents, quotes };
  };
} else if (tool === 'wink') {
  const winkNLP = loadPkg('wink-nlp');
  const model = loadPkg('wink-eng-lite-web-model');
  const nlp = (winkNLP.default || winkNLP)(model.default || model);
  const version = pkgVersion('wink-nlp');
  label = `wink-nlp ${version} (lite web model)`;
  run = () => {
    let sents = 0, toks = 0, ents = 0;
    for (const t of texts) {
      const doc = nlp.readDoc(t);
      sents += doc.sentences().length();
      toks += doc.tokens().length();
      ents += doc.entities().length();
    }
    return { sents, toks, ents, quotes: null };
  };
} else {
  process.stderr.write(`unknown --tool ${tool}\n`);
  process.exit(2);
}

const times = [], cpu = [];
let counts;
for (let r = 0; r < reps; r++) {
  const t0 = performance.now(), c0 = process.cpuUsage();
  counts = run();
  times.push((performance.now() - t0) / 1000);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1e6);
}
const median = (v) => {
  v.sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2]
    : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const secs = median(times), cpuSecs = median(cpu);
const n = texts.length;
const res = {
  tool: label, articles: n, bytes, secs, reps: times.length,
  cpu_secs: cpuSecs, art_per_cpu_s: n / cpuSecs,
  art_per_s: n / secs, mb_per_s: bytes / 1e6 / secs,
  sentences: counts.sents, tokens: counts.toks, entities: counts.ents,
  quotes: counts.quotes,
};
process.stderr.write(`${tool}: ${n} articles, median ${secs.toFixed(3)} s ` +
  `of ${times.length}: ${(n / secs).toFixed(0)} articles/s\n`);
process.stdout.write('RESULT ' + JSON.stringify(res) + '\n');
