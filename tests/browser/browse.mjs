// browse.mjs BASE_URL ARTIFACT_DIR: walks parallax serve as a reader does,
// in Debian's chromium driven by playwright-core: story list -> story ->
// article -> search -> entity, asserting on what each page shows and
// saving a full-page screenshot of each to ARTIFACT_DIR.  Any console
// error (a Content-Security-Policy violation included) fails the run.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, out] = process.argv.slice(2);
if (!base || !out) {
	console.error('usage: node browse.mjs BASE_URL ARTIFACT_DIR');
	process.exit(2);
}
mkdirSync(out, { recursive: true });

let failures = 0;
function check(ok, what) {
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
	if (!ok) failures++;
}

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const errors = [];
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));

async function shot(name) {
	await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
}

try {
	// 1. The story list.
	let r = await page.goto(`${base}/?sort=size`);
	check(r.status() === 200, 'story list: 200');
	check((await page.title()).includes('Stories'), 'story list: title');
	const items = page.locator('ul.stories > li');
	check(await items.count() >= 5, 'story list: at least 5 stories');
	check(await page.locator('ul.stories svg.spark').count() >= 5,
		'story list: sparklines');
	const first = items.first();
	const headline = (await first.locator('h3 a').innerText()).trim();
	check(/\d+ articles? · \d+ sources?/.test(await first.innerText()),
		'story list: article and source counts');
	check(await first.locator('.src').count() >= 2,
		'story list: the biggest story has several sources');
	await shot('1-stories');

	// 2. The biggest story.
	await first.locator('h3 a').click();
	await page.waitForLoadState();
	check((await page.locator('h1').first().innerText()).trim() === headline,
		'story: headline as listed');
	check(await page.locator('.chart svg circle').count() >= 2,
		'story: timeline with a dot per article');
	check(await page.locator('.cols .col').count() >= 2,
		'story: a column per source');
	check(await page.getByRole('heading', { name: /quotes by speaker/i }).count() === 1,
		'story: quotes by speaker');
	check(await page.getByRole('heading', { name: /^facts/i }).count() === 1,
		'story: facts aligned across sources');
	check(await page.locator('.report table tr').count() >= 8,
		'story: the coverage report tables');
	check(await page.locator('.report a[href^="/entities/"]').count() >= 3,
		'story: entities with links');
	await shot('2-story');

	// 3. An article of the story.
	await page.locator('.cols .col li a').first().click();
	await page.waitForLoadState();
	check(page.url().includes('/articles/'), 'article: reached');
	check(await page.locator('.body p').count() >= 2, 'article: body paragraphs');
	check(await page.locator('.body a.ent').count() >= 1, 'article: entities marked');
	check(await page.getByRole('heading', { name: /removed as page furniture/i }).count() === 1,
		'article: page furniture section');
	check(await page.getByRole('heading', { name: /shared with other articles/i }).count() === 1,
		'article: shared text section');
	await shot('3-article');

	// 4. Search from the header form.
	await page.fill('header form.search input[name=q]', 'bridge');
	await page.press('header form.search input[name=q]', 'Enter');
	await page.waitForLoadState();
	check(page.url().includes('/search?q=bridge'), 'search: form submits');
	check(await page.locator('ul.results > li').count() >= 2, 'search: results');
	check(await page.locator('ul.results mark').count() >= 2, 'search: matches marked');
	await shot('4-search');

	// 5. An entity, from a story's chips.
	await page.locator('ul.results li a[href^="/stories/"]').first().click();
	await page.waitForLoadState();
	await page.locator('.report a[href^="/entities/"]').first().click();
	await page.waitForLoadState();
	check(page.url().includes('/entities/'), 'entity: reached');
	check(await page.locator('ul.results > li').count() >= 1, 'entity: articles listed');
	await shot('5-entity');

	check(errors.length === 0, `no console errors${errors.length ? ': ' + errors.join(' | ') : ''}`);
} catch (e) {
	console.log(`FAIL ${e.stack || e}`);
	failures++;
}
await browser.close();
console.log(failures ? `${failures} failed` : 'all passed');
process.exit(failures ? 1 : 0);
