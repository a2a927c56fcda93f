// The MLflow link the platform prints, in a real browser: headless Chromium from Debian's package
// (/usr/bin/chromium, or $CHROMIUM) driven by playwright-core, which never downloads a browser.
//
//   node mlflow-ui.mjs LINK RUN_NAME SCREENSHOT
//
// LINK is what `bin/demo mlflow-link EXPERIMENT` prints. Opens it and expects MLflow 3's Model training view:
// the runs table listing the run RUN_NAME with its dataset (ratings) in the Dataset column, not the GenAI view
// (traces). Saves a screenshot. Exit code 0 when all passed.
// On a server with MLflow's basic-auth app the page logs in with MLFLOW_TRACKING_USERNAME and
// MLFLOW_TRACKING_PASSWORD (HTTP Basic, as a browser's login prompt would); unset: no login.
import {mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import {chromium} from 'playwright-core';

const [link, runName, screenshot] = process.argv.slice(2);
if (!link || !runName || !screenshot) {
  console.error('usage: node mlflow-ui.mjs LINK RUN_NAME SCREENSHOT');
  process.exit(2);
}
const browser = await chromium.launch({executablePath: process.env.CHROMIUM || '/usr/bin/chromium'});
try {
  const {MLFLOW_TRACKING_USERNAME: username, MLFLOW_TRACKING_PASSWORD: password} = process.env;
  const page = await browser.newPage({
    viewport: {width: 1600, height: 900},
    ...(username ? {httpCredentials: {username, password: password ?? ''}} : {}),
  });
  await page.goto(link);
  // the runs table: a row with the run's name, and the snapshot dataset in its Dataset column
  await page.getByRole('link', {name: runName, exact: true}).first().waitFor({timeout: 60_000});
  // the Dataset column: "ratings (<snapshot checksum>)"
  await page.getByText(/^ratings \([0-9a-f]{16}\)$/).first().waitFor({timeout: 15_000});
  const url = page.url();
  if (!url.includes('workflowType=machine_learning')) {
    throw new Error(`the page left the Model training view: ${url}`);
  }
  mkdirSync(dirname(screenshot), {recursive: true});
  await page.screenshot({path: screenshot, fullPage: true});
  console.log(`[mlflow-ui] ${link}: runs table with ${runName} and its dataset; screenshot ${screenshot}`);
} catch (e) {
  mkdirSync(dirname(screenshot), {recursive: true});
  const page = browser.contexts()[0]?.pages()[0];
  if (page) {
    await page.screenshot({path: screenshot, fullPage: true});
    console.error(`[mlflow-ui] failed on ${page.url()}; screenshot ${screenshot}; text: ${(await page.innerText('body')).slice(0, 2000)}`);
  }
  console.error(e.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
