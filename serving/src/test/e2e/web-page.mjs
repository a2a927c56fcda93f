// End-to-end test of the web page in a real browser: headless Chromium from Debian's package
// (/usr/bin/chromium, or $CHROMIUM) driven by playwright-core, which never downloads a browser.
//
//   node web-page.mjs BASE_URL SCREENSHOT_DIR
//
// Expects the serving app at BASE_URL with the fixtures of WebPageE2eTest (movies 1..8 with Toy Story,
// Jumanji, Heat; a champion model that knows them, with a content index; catalog titles). Signs up
// (bearer token), sees the cold-start recommendations, rates three titles, sees the recommendations
// change to the model's, looks at similar titles (by movie, by title, and the closest titles offered for a
// misspelt one) and one insight, checks that a refused request shows the API's problem detail, takes
// screenshots at desktop width and at 375px, signs out and in again, and is signed out with the API's
// detail when the token is bad. Exit code 0 when all passed.
import {mkdirSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {chromium} from 'playwright-core';

const [baseUrl, screenshots] = process.argv.slice(2);
if (!baseUrl || !screenshots) {
  console.error('usage: node web-page.mjs BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 15_000;

function step(message) {
  console.log(`[e2e ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function check(condition, message) {
  if (!condition) {
    throw new Error(`check failed: ${message}`);
  }
}

/** Runs axe-core's WCAG 2.1 A and AA rules on the page as it is now; any violation fails the test. */
async function accessibility(page, where) {
  await page.addScriptTag({path: createRequire(import.meta.url).resolve('axe-core/axe.min.js')});
  const results = await page.evaluate(() => window.axe.run(document,
    {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}));
  const violations = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at `
    + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
  check(violations.length === 0, `accessibility at ${where}:\n  ${violations.join('\n  ')}`);
  step(`accessibility at ${where}: ${results.passes.length} rules passed, no violation`);
}

async function recommendationTitles(page) {
  return page.locator('#recommendations-results li.movie h3').allTextContents();
}

async function rate(page, title, stars) {
  const card = page.locator('#search-results li.movie').filter({has: page.getByRole('heading', {name: title, exact: true})});
  await card.getByLabel(`Your rating of ${title}`).selectOption(String(stars));
  await card.getByRole('button', {name: 'Rate'}).click();
  await card.locator('.rate-status').filter({hasText: `Rated ${stars.toFixed(1)}`}).waitFor();
  step(`rated ${title}: ${stars}`);
}

async function run(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40\d/.test(m.text())) {
      problems.push(`console error: ${m.text()}`);
    }
  });

  const unsigned = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/users/') && !/^Bearer /.test(request.headers().authorization || '')) {
      unsigned.push(`${request.method()} ${request.url()}`);
    }
  });

  step(`open ${baseUrl}`);
  await page.goto(baseUrl);
  check(await page.title() === 'movierec', 'page title');
  await page.locator('#model-served').filter({hasText: 'version'}).waitFor();
  const runLink = await page.locator('#model-served a').getAttribute('href');
  check(/\/#\/experiments\/\d+\/runs\/[0-9a-f]+\?workflowType=machine_learning$/.test(runLink),
    `the served model links its MLflow run in the Model training view: ${runLink}`);
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.textContent) === 'Skip to the content',
    'the first Tab reaches the skip link');
  for (const landmark of ['banner', 'main', 'contentinfo', 'navigation', 'search']) {
    check(await page.getByRole(landmark).count() > 0, `landmark ${landmark}`);
  }

  step('sign up');
  const email = `e2e-${Date.now()}@example.org`;
  const signUp = page.locator('#sign-up-form');
  await signUp.getByLabel('Name').fill('Edsger Dijkstra');
  await signUp.getByLabel('E-mail').fill(email);
  await signUp.getByLabel(/Password/).fill('shortest-path');
  await signUp.getByRole('button', {name: 'Sign up'}).click();
  await page.locator('#who').filter({hasText: `Signed in as ${email}`}).waitFor();
  check(await page.evaluate(() => JSON.parse(sessionStorage.getItem('movierec.session')).token),
    'a bearer token kept in sessionStorage');
  check(!(await page.locator('#sign-up-form').isVisible()), 'the sign-up form is hidden once signed in');

  step('recommendations before any rating');
  await page.getByRole('button', {name: 'Show my recommendations'}).click();
  await page.locator('#recommendations-results .why[data-strategy="cold-start"]').waitFor();
  const before = await recommendationTitles(page);
  step(`cold start: ${before.join(', ')}`);
  check(before.length > 0, 'cold-start recommendations listed');

  step('search the catalog and rate three titles');
  await page.getByLabel('Title contains').fill('');
  await page.getByRole('search').getByRole('button', {name: 'Search'}).click();
  await page.locator('#search-results li.movie').first().waitFor();
  check(await page.locator('#search-results').getByText(/8 movies/).count() === 1, 'all 8 movies found');
  await rate(page, 'Toy Story (1995)', 5);
  await rate(page, 'Jumanji (1995)', 4.5);
  await rate(page, 'Heat (1995)', 5);
  await page.locator('#my-ratings li').nth(2).waitFor();

  step('recommendations after the ratings');
  const why = page.locator('#recommendations-results .why[data-strategy="model"]');
  await why.waitFor();
  const explanation = await why.textContent();
  check(/version \d+/.test(explanation), `the answer names the model version: ${explanation}`);
  const after = await recommendationTitles(page);
  step(`model: ${after.join(', ')} (${explanation})`);
  check(JSON.stringify(after) !== JSON.stringify(before), 'the recommendations changed');
  for (const rated of ['Toy Story (1995)', 'Jumanji (1995)', 'Heat (1995)']) {
    check(!after.includes(rated), `${rated} is rated, so not recommended`);
  }

  step('filters: only Netflix');
  await page.getByRole('checkbox', {name: 'Netflix'}).check();
  await page.getByRole('button', {name: 'Show my recommendations'}).click();
  await page.waitForFunction(() => !document.querySelector('#recommendations-results[aria-busy]'));
  const netflix = await page.locator('#recommendations-results li.movie .facts').allTextContents();
  check(netflix.length > 0 && netflix.every((facts) => facts.includes('Netflix')), `only Netflix titles: ${netflix}`);
  await page.getByRole('checkbox', {name: 'Netflix'}).uncheck();
  await page.getByRole('button', {name: 'Show my recommendations'}).click();
  await page.waitForFunction(() => !document.querySelector('#recommendations-results[aria-busy]'));
  check(await page.locator('#recommendations-results li.movie').count() === after.length, 'every title again');

  step('similar titles');
  const toyStory = page.locator('#search-results li.movie')
    .filter({has: page.getByRole('heading', {name: 'Toy Story (1995)', exact: true})});
  await toyStory.getByRole('button', {name: 'Similar titles'}).click();
  await page.locator('#similar-results').getByText('Titles similar to Toy Story (1995)').waitFor();
  const byContent = await page.locator('#similar-results .by-content li.movie h3').allTextContents();
  const byModel = await page.locator('#similar-results .by-model li.movie h3').allTextContents();
  step(`similar by content: ${byContent.join(', ')}; by model: ${byModel.join(', ')}`);
  check(byContent[0] === 'Jumanji (1995)', 'the most similar by content is Jumanji');
  check(byModel.length > 0, 'similar titles by the model');
  const forYou = await page.locator('#similar-results .for-you li.movie h3').allTextContents();
  step(`for you among titles like Toy Story: ${forYou.join(', ')}`);
  check(await page.locator('#similar-results .for-you .why[data-strategy="model"]').count() === 1,
    'titles like this ranked for the user by the model');
  check(forYou.length > 0 && !forYou.includes('Jumanji (1995)'), 'rated titles are left out of those for the user');

  step('similar titles by a title as people write it');
  await page.getByLabel('Movie title').fill('HEAT');
  await page.getByRole('button', {name: 'Find similar titles'}).click();
  await page.locator('#similar-results').getByText('Titles similar to Heat (1995)').waitFor();

  step('a misspelt title suggests the closest titles');
  await page.getByLabel('Movie title').fill('jumanjii');
  await page.getByRole('button', {name: 'Find similar titles'}).click();
  await page.locator('#similar-results [role="alert"]').getByText("No movie titled 'jumanjii'").waitFor();
  await page.locator('#similar-results').getByRole('button', {name: 'Jumanji (1995)'}).click();
  await page.locator('#similar-results').getByText('Titles similar to Jumanji (1995)').waitFor();

  step('an insight');
  await page.getByLabel('Question').selectOption({label: 'Movies and series per platform'});
  await page.getByRole('button', {name: 'Ask'}).click();
  await page.locator('#insights-results h3').waitFor();
  const insight = await page.locator('#insights-results').textContent();
  check(insight.includes('netflix'), `the insight answers per platform: ${insight.slice(0, 200)}`);

  step('a refused request shows the problem detail');
  await page.locator('#search-year-from').fill('2000');
  await page.locator('#search-year-to').fill('1990');
  await page.getByRole('search').getByRole('button', {name: 'Search'}).click();
  const alert = page.locator('#search-results [role="alert"]');
  await alert.waitFor();
  check((await alert.textContent()).includes('yearTo: must not be before yearFrom'), 'the detail is shown');
  await page.locator('#search-year-from').fill('');
  await page.locator('#search-year-to').fill('');
  await page.getByRole('search').getByRole('button', {name: 'Search'}).click();
  await page.locator('#search-results li.movie').first().waitFor();

  await accessibility(page, 'desktop width');
  mkdirSync(screenshots, {recursive: true});
  await page.locator('#recommendations').scrollIntoViewIfNeeded();
  await page.screenshot({path: join(screenshots, 'desktop.png'), fullPage: true});
  step(`screenshot ${join(screenshots, 'desktop.png')}`);

  step('phone width: 375px');
  await page.setViewportSize({width: 375, height: 812});
  await page.goto(`${baseUrl}#recommendations`);
  await page.locator('#who').filter({hasText: 'Signed in as'}).waitFor();
  await page.locator('#recommendations-results .why[data-strategy="model"]').waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 375, `no horizontal scrolling at 375px (content is ${width}px wide)`);
  await accessibility(page, '375px');
  await page.screenshot({path: join(screenshots, 'phone.png'), fullPage: true});
  step(`screenshot ${join(screenshots, 'phone.png')}`);

  step('sign out');
  const signedOut = await page.evaluate(() => JSON.parse(sessionStorage.getItem('movierec.session')));
  await page.getByRole('button', {name: 'Sign out'}).click();
  await page.locator('#who').filter({hasText: 'Not signed in'}).waitFor();
  check(await page.locator('#sign-up-form').isVisible(), 'the sign-up form is back');
  const oldToken = await page.evaluate(async (s) => (await fetch(`/api/users/${s.userId}`,
    {headers: {Authorization: `Bearer ${s.token}`, 'X-Requested-With': 'XMLHttpRequest'}})).status, signedOut);
  check(oldToken === 401, `the token of the session signed out is refused (answered ${oldToken})`);

  check(await page.evaluate(() => sessionStorage.getItem('movierec.session')) === null, 'session removed');

  step('a wrong password is refused with the API detail, without a browser login dialog');
  const signIn = page.locator('#sign-in-form');
  await signIn.getByLabel('E-mail').fill(email);
  await signIn.getByLabel('Password').fill('longest-path');
  await signIn.getByRole('button', {name: 'Sign in'}).click();
  await page.locator('#account-status [role="alert"]').filter({hasText: 'credentials are not valid'}).waitFor();

  step('sign in again');
  await signIn.getByLabel('E-mail').fill(email);
  await signIn.getByLabel('Password').fill('shortest-path');
  await signIn.getByRole('button', {name: 'Sign in'}).click();
  await page.locator('#who').filter({hasText: `Signed in as ${email}`}).waitFor();
  await page.locator('#my-ratings li').nth(2).waitFor();

  step('an invalid token signs the user out with the API detail');
  await page.evaluate(() => {
    const session = JSON.parse(sessionStorage.getItem('movierec.session'));
    sessionStorage.setItem('movierec.session', JSON.stringify({...session, token: 'not.a.token'}));
  });
  await page.reload();
  await page.locator('#account-status [role="alert"]').filter({hasText: 'not valid or has expired'}).waitFor();
  await page.locator('#who').filter({hasText: 'Not signed in'}).waitFor();

  check(unsigned.length === 0, `every call of the user's resources sends the bearer token: ${unsigned}`);
  check(problems.length === 0, `no script errors: ${problems.join('; ')}`);
}

let browser;
let status = 0;
try {
  step(`start ${executablePath}`);
  browser = await chromium.launch({executablePath, headless: true, args: ['--no-sandbox']});
  const page = await browser.newPage({viewport: {width: 1280, height: 900}});
  page.setDefaultTimeout(TIMEOUT);
  try {
    await run(page);
  } catch (e) {
    mkdirSync(screenshots, {recursive: true});
    await page.screenshot({path: join(screenshots, 'failure.png'), fullPage: true}).catch(() => {});
    throw e;
  }
  step('all checks passed');
} catch (e) {
  console.error(`[e2e] FAILED: ${e.stack || e}`);
  status = 1;
} finally {
  await browser?.close();
}
process.exit(status);
