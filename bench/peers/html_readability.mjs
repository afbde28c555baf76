// html_readability.mjs: runs Mozilla Readability (jsdom) over the
// html-readability pages for bench/html_readability.sh: one JSON line per
// page (metadata and content HTML), then one timing line.
// Usage: node bench/peers/html_readability.mjs RUNS DIR...
import { readFileSync } from "node:fs";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const runs = Number(process.argv[2]);
const dirs = process.argv.slice(3);
const pages = dirs.map((d) => ({ dir: d, html: readFileSync(d + "/source.html", "utf8") }));
const vc = new VirtualConsole(); // silent: pages' CSS errors are not ours

function extract(html) {
	const dom = new JSDOM(html, { url: "http://fakehost/test/page.html", virtualConsole: vc });
	const r = new Readability(dom.window.document).parse();
	dom.window.close();
	return r;
}

for (const p of pages) {
	let r = null;
	try { r = extract(p.html); } catch (e) { r = null; }
	console.log(JSON.stringify({
		dir: p.dir,
		title: r?.title ?? null, byline: r?.byline ?? null,
		site_name: r?.siteName ?? null, date: r?.publishedTime ?? null,
		html: r?.content ?? "",
	}));
}
const times = [];
for (let k = 0; k < runs; k++) {
	const t0 = process.hrtime.bigint();
	for (const p of pages) { try { extract(p.html); } catch (e) {} }
	times.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ timing: times, median_s: times[Math.floor(times.length / 2)], pages: pages.length }));
