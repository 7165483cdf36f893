// Real-browser tests of the study pages: keyboard use (UI.md principles 2, 4 and 14), working with
// JavaScript off, and the 44 px study targets and reflow at 390 px (principles 9 and 11).
//
// Runs headless Chromium (/usr/bin/chromium, or $CHROMIUM) through playwright-core against the
// server binary in $FACTCARDS_BIN (default: target/debug/factcards in the repo), started on a free
// loopback port with a database of its own. Run with `tests/browser/run.sh`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const BIN = path.resolve(root, process.env.FACTCARDS_BIN || 'target/debug/factcards');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const COURSE = 'japan-russia';
const PASSWORD = 'a long password';
const STUDENTS = ['ann', 'bea', 'cal'];

// The server refuses unknown FACTCARDS_* variables (FACTCARDS_BIN among them) and would read a
// developer's FACTCARDS_DB or FACTCARDS_CONFIG: give it none of them.
const serverEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('FACTCARDS_')));

let dir;
let server;
let serverLog = '';
let base;
let browser;

// ---------------------------------------------------------------------------------------------
// The server and the browser

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, ms) {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    if (server.exitCode !== null) break;
    try {
      const r = await fetch(url + '/healthz');
      if (r.status === 200) return;
      last = `status ${r.status}`;
    } catch (e) {
      last = String(e.cause?.code || e.message);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`factcards did not become healthy at ${url} (${last}); its output:\n${serverLog}`);
}

before(async () => {
  assert.ok(fs.existsSync(BIN), `no server binary at ${BIN}: build it with cargo build (or set FACTCARDS_BIN)`);
  assert.ok(fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcards-browser-'));
  const db = path.join(dir, 't.db');
  for (const name of STUDENTS) {
    const r = spawnSync(BIN, ['--db', db, 'user', 'add', name, '--role', 'student', '--password-stdin'], {
      input: PASSWORD + '\n',
      cwd: dir,
      env: serverEnv,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `user add ${name} failed:\n${r.stdout}${r.stderr}`);
  }
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(BIN, ['--db', db, 'serve', '--addr', `127.0.0.1:${port}`, '--registration', 'open'], {
    cwd: dir, // so no ./factcards.toml of the developer's is read
    env: serverEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  process.once('exit', () => server.exitCode === null && server.kill('SIGKILL')); // should the runner die
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));
  await waitForHealth(base, 20_000);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // playwright-core gives every launch a fresh temporary user-data dir of its own.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // The server has no /favicon.ico; Chromium's fetch of it is not the page's doing.
  page.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && problems.push(`console error: ${m.text()} (${m.location().url})`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`));
  page.problems = problems;
  return page;
}

// ---------------------------------------------------------------------------------------------
// The demo course's questions, to answer them right (the binary embeds this same file)

function demoQuestions() {
  const src = fs.readFileSync(path.join(root, 'questions', `${COURSE}.toml`), 'utf8');
  return src
    .split(/^\[\[question\]\]\s*$/m)
    .slice(1)
    .map((block) => {
      const q = {};
      for (const line of block.split('\n')) {
        const m = /^(\w+) = (.*)$/.exec(line);
        if (!m) continue;
        try {
          q[m[1]] = JSON.parse(m[2]); // one-line TOML strings, numbers, booleans and arrays
        } catch {
          /* inline tables and the like are not needed here */
        }
      }
      return q;
    });
}
const QUESTIONS = demoQuestions();

// The demo question shown on `page`.
async function shownQuestion(page) {
  const prompt = (await page.locator('#question').innerText()).trim();
  const kind = await page.locator('#answer-form').getAttribute('data-kind');
  let found = QUESTIONS.filter((q) => q.kind === kind && (q.prompt || 'Fill in the gap') === prompt);
  if (kind === 'cloze') {
    const sentence = await page.locator('#cloze-sentence').innerText();
    found = QUESTIONS.filter((q) => q.kind === 'cloze' && sentence.includes(q.text.split('{{')[0].trim()));
  }
  assert.equal(found.length, 1, `one demo question of kind ${kind} with the prompt ${JSON.stringify(prompt)}`);
  return found[0];
}

// ---------------------------------------------------------------------------------------------
// Keyboard helpers

const focused = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return a ? { tag: a.tagName, id: a.id, name: a.getAttribute('name'), value: a.getAttribute('value') } : null;
  });

// Presses Tab until the focused element matches `selector`, as a keyboard user would.
async function tabTo(page, selector, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => !!document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`${max} presses of Tab did not reach ${selector}; focus is on ${JSON.stringify(await focused(page))}`);
}

// Presses `key` and waits for the new page it loads (a form POST and its 303 to a GET, or a
// re-rendered form); then checks the page's URL against `urlPattern`.
async function pressAndNavigate(page, key, urlPattern) {
  const committed = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
  await page.keyboard.press(key);
  await committed.catch(async () =>
    assert.fail(`pressing ${key} loaded no new page; focus is on ${JSON.stringify(await focused(page))}`),
  );
  await page.waitForLoadState('load');
  if (typeof urlPattern === 'function') assert.ok(urlPattern(new URL(page.url())), `unexpected page ${page.url()}`);
  else assert.match(page.url(), urlPattern);
}

const STUDY_URL = new RegExp(`/courses/${COURSE}/study$`);
const RESULT_URL = new RegExp(`/courses/${COURSE}/study/reviews/\\d+$`);

// Labels of the choices on a choice question, in page order.
const choiceLabels = (page) => page.locator('#answer-form label.choice').allInnerTexts();

// The 0-based page positions of the right choices.
async function rightChoices(page, q) {
  const labels = (await choiceLabels(page)).map((l) => l.trim());
  const want =
    q.kind === 'true_false' ? [q.answer ? 'True' : 'False'] : q.kind === 'single_choice' ? [q.answer] : q.answers;
  const at = want.map((w) => labels.indexOf(w));
  assert.ok(!at.includes(-1), `the right choices ${JSON.stringify(want)} among ${JSON.stringify(labels)}`);
  return at;
}

// Types the right answer to the question shown, with the keyboard only, and submits it with
// Enter; returns to the result page. `shortcuts` says whether study.js's digit keys may be used
// (JavaScript on); without them choices are made with Tab, Space and the arrow keys.
async function answerRightByKeyboard(page, { shortcuts }) {
  const q = await shownQuestion(page);
  switch (q.kind) {
    case 'single_choice':
    case 'true_false':
    case 'multiple_select': {
      const right = await rightChoices(page, q);
      if (shortcuts) {
        // study.js: digit n picks the n-th choice (toggles a checkbox) and focuses it.
        for (const i of right) await page.keyboard.press(String(i + 1));
      } else if (q.kind === 'multiple_select') {
        const n = (await choiceLabels(page)).length;
        await tabTo(page, '#answer'); // the first checkbox
        for (let i = 0; i < n; i++) {
          if (right.includes(i)) await page.keyboard.press('Space');
          if (i < n - 1) await page.keyboard.press('Tab');
        }
      } else {
        await tabTo(page, '#answer'); // no radio checked yet: Tab lands on the first
        await page.keyboard.press('Space');
        for (let i = 0; i < right[0]; i++) await page.keyboard.press('ArrowDown');
      }
      const checked = await page.locator('#answer-form input[name=choice]').evaluateAll((els) =>
        els.flatMap((e, i) => (e.checked ? [i] : [])),
      );
      assert.deepEqual(checked, [...right].sort(), 'the keys checked the right choices');
      await pressAndNavigate(page, 'Enter', RESULT_URL); // Enter on a focused radio/checkbox submits
      break;
    }
    case 'numeric':
    case 'short_text':
      await tabTo(page, '#answer');
      await page.keyboard.type(String(q.answer));
      await pressAndNavigate(page, 'Enter', RESULT_URL);
      break;
    case 'cloze': {
      const gaps = [...q.text.matchAll(/\{\{(.*?)\}\}/g)].map((m) => m[1].split('|')[0]);
      await tabTo(page, '#answer');
      for (const [i, g] of gaps.entries()) {
        await page.keyboard.type(g);
        if (i < gaps.length - 1) await page.keyboard.press('Tab');
      }
      await pressAndNavigate(page, 'Enter', RESULT_URL);
      break;
    }
    case 'list':
      // A textarea: Enter starts a new line (one item per line), so Tab on to Check answer.
      await tabTo(page, '#answer');
      await page.keyboard.type(q.answers.join('\n'));
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).id, 'check-answer', 'Tab from the list goes to Check answer');
      await pressAndNavigate(page, 'Enter', RESULT_URL);
      break;
    case 'ordering': {
      const options = await page.locator('#answer option').allInnerTexts(); // [placeholder, ...items]
      await tabTo(page, '#answer');
      for (const [i, item] of q.items.entries()) {
        const at = options.map((o) => o.trim()).indexOf(item);
        for (let k = 0; k < at; k++) await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Tab');
        if (i === q.items.length - 1) assert.equal((await focused(page)).id, 'check-answer');
      }
      await pressAndNavigate(page, 'Enter', RESULT_URL);
      break;
    }
    default:
      assert.fail(`no keyboard route for questions of kind ${q.kind}`);
  }
  return q;
}

// ---------------------------------------------------------------------------------------------
// Page checks

async function signInAndJoin(page, name) {
  await page.goto(base + '/login');
  await page.fill('#login-form input[name=username]', name);
  await page.fill('#login-form input[name=password]', PASSWORD);
  await pressAndNavigate(page, 'Enter', (u) => !u.pathname.startsWith('/login'));
  assert.equal(await page.locator('#current-user').innerText(), name, 'signed in');
  await page.goto(base + '/');
  const join = page.locator('#open-courses button', { hasText: /^Join Japan and Russia/ });
  assert.equal(await join.count(), 1, 'the demo course can be joined from the home page');
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/courses/${COURSE}/join`)),
    join.click(),
  ]);
  await page.waitForLoadState('load');
  await page.goto(`${base}/courses/${COURSE}`);
  assert.equal(await page.locator('#new-count').innerText(), '20', 'joined: 20 new questions today');
}

// The question page: one <h1>, the question, inside the form's <legend> or the field's <label>.
async function assertQuestionPage(page) {
  assert.match(new URL(page.url()).pathname, STUDY_URL);
  assert.equal(await page.locator('#answer-form').count(), 1, 'an answer form');
  const h1 = await page.evaluate(() => {
    const all = document.querySelectorAll('h1');
    const h = all[0];
    const holder = h?.closest('legend, label');
    return {
      count: all.length,
      id: h?.id,
      text: h?.textContent.trim(),
      holder: holder?.tagName,
      labelFor: holder?.tagName === 'LABEL' ? holder.htmlFor : null,
      inForm: !!holder?.closest('#answer-form'),
    };
  });
  assert.equal(h1.count, 1, 'one <h1>');
  assert.equal(h1.id, 'question', 'the <h1> is the question');
  assert.ok(h1.text.length > 0, 'the question has text');
  assert.ok(['LEGEND', 'LABEL'].includes(h1.holder), `the question is inside a <legend> or <label>, not ${h1.holder}`);
  assert.ok(h1.inForm, 'the <legend>/<label> holding the question is in the answer form');
  if (h1.holder === 'LABEL') assert.equal(h1.labelFor, 'answer', 'the <label> is the answer field\'s');
  assert.ok(await page.locator('#check-answer').isVisible(), 'a visible Check answer button');
  return h1.text;
}

// The result page: the verdict, and focus on the pre-chosen rating button. A right answer
// pre-chooses Good, or Easy when it came quickly (as these do) or Hard when slowly; a wrong one
// Again. Returns the pre-chosen rating's number.
async function assertResultPage(page, { correct }) {
  assert.match(new URL(page.url()).pathname, RESULT_URL);
  assert.equal(await page.locator('#verdict').getAttribute('data-correct'), String(correct));
  const current = page.locator('#rating-form button[aria-current=true]');
  assert.equal(await current.count(), 1, 'one pre-chosen rating');
  const value = await current.getAttribute('value');
  assert.ok((correct ? ['2', '3', '4'] : ['1']).includes(value), `pre-chosen rating ${value} fits the verdict`);
  // autofocus is applied once the page has rendered; give it that moment.
  await page
    .waitForFunction(() => document.activeElement?.matches('#rating-form button[aria-current=true]'), null, {
      timeout: 3000,
    })
    .catch(() => {});
  assert.deepEqual(
    await focused(page),
    { tag: 'BUTTON', id: '', name: 'rating', value },
    'the pre-chosen rating button has the focus (autofocus), so Space or Enter keeps it',
  );
  return value;
}

// A blank answer is a validation error: "There is a problem" summary focused, "Error: " title.
async function assertBlankAnswerIsAnError(page) {
  const prompt = await page.locator('#question').innerText();
  const action = await page.locator('#answer-form').getAttribute('action');
  const kind = await page.locator('#answer-form').getAttribute('data-kind');
  assert.ok(
    ['numeric', 'short_text', 'cloze'].includes(kind),
    `a question with a text input to leave blank, not ${kind}`,
  );
  await tabTo(page, '#answer');
  assert.equal(await page.locator('#answer').inputValue(), '');
  await pressAndNavigate(page, 'Enter', new RegExp(`${action}$`));
  assert.equal(await page.locator('#verdict').count(), 0, 'a blank answer is not graded');
  assert.ok((await page.title()).startsWith('Error: '), `the <title> starts with "Error: ": ${await page.title()}`);
  const summary = page.locator('.error-summary');
  assert.equal(await summary.count(), 1, 'an error summary');
  assert.equal((await summary.locator('h2').innerText()).trim(), 'There is a problem');
  assert.equal(await summary.locator('a').first().getAttribute('href'), '#answer', 'the summary links to the field');
  await page
    .waitForFunction(() => document.activeElement?.matches('.error-summary'), null, { timeout: 3000 })
    .catch(() => {});
  assert.ok(
    await page.evaluate(() => !!document.activeElement?.matches('.error-summary')),
    `the error summary has the focus (autofocus); focus is on ${JSON.stringify(await focused(page))}`,
  );
  assert.ok(await page.locator('#answer-error').isVisible(), 'an inline error message');
  assert.equal(await page.locator('#question').innerText(), prompt, 'the same question again');
  return page.locator('#answer-form').getAttribute('action');
}

// Where the boxes of `locator`'s elements are smaller than 44×44 CSS px (UI.md principle 9).
async function smallerThan44(locator, what) {
  const boxes = await locator.evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { w: r.width, h: r.height, text: e.textContent.replace(/\s+/g, ' ').trim() };
    }),
  );
  if (boxes.length === 0) return [`no ${what} found`];
  return boxes
    .filter((b) => !(b.w >= 44 && b.h >= 44))
    .map((b) => `${what} "${b.text}" is ${Math.round(b.w * 10) / 10}×${Math.round(b.h * 10) / 10} CSS px, under 44×44`);
}

async function sideScroll(page, width, where) {
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  return sw <= width ? [] : [`${where} scrolls sideways at ${width} px: scrollWidth is ${sw}`];
}

// ---------------------------------------------------------------------------------------------
// The tests

test('with JavaScript: a student studies with the keyboard only', { timeout: 90_000 }, async () => {
  const page = await newPage();
  await signInAndJoin(page, 'ann');

  // 1. The question page.
  await page.goto(`${base}/courses/${COURSE}/study`);
  await assertQuestionPage(page);

  // 2. Answer with the keyboard; 3. the pre-chosen rating is focused and Space keeps it.
  const first = await answerRightByKeyboard(page, { shortcuts: true });
  await assertResultPage(page, { correct: true });
  await pressAndNavigate(page, 'Space', STUDY_URL);
  const second = await assertQuestionPage(page);
  assert.notEqual(second, first.prompt, 'Space went on to the next question');

  // On the next result page (a right answer, so not Again) the key 1 re-rates it Again, whose
  // interval is in minutes.
  await answerRightByKeyboard(page, { shortcuts: true });
  await assertResultPage(page, { correct: true });
  const resultUrl = page.url();
  const again = page.locator('#rating-form button[data-key="1"]');
  assert.equal((await again.locator('.rating-label').innerText()).trim(), 'Again');
  assert.match((await again.locator('.rating-interval').innerText()).trim(), /^\d+m$/, 'Again comes back in minutes');
  assert.equal((await again.locator('kbd').innerText()).trim(), '1', 'the key is shown in a <kbd>');
  await pressAndNavigate(page, '1', STUDY_URL);
  await assertQuestionPage(page);
  // The review now carries Again: the result page shows it as the current rating, due in minutes.
  await page.goto(resultUrl);
  assert.equal(await page.locator('#rating-form button[aria-current=true]').getAttribute('value'), '1', 'rated Again');
  assert.match(await page.locator('#comes-back').innerText(), /in \d+ minutes?/);

  // 4. A blank answer submitted with Enter is a validation error, with the summary focused.
  await page.goto(`${base}/courses/${COURSE}/study`);
  let guard = 0;
  while (!['numeric', 'short_text', 'cloze'].includes(await page.locator('#answer-form').getAttribute('data-kind'))) {
    assert.ok(guard++ < 10, 'a question with a text input comes up');
    await answerRightByKeyboard(page, { shortcuts: true });
    await pressAndNavigate(page, 'Space', STUDY_URL);
  }
  await assertBlankAnswerIsAnError(page);
  // Then the question can still be answered from there.
  await answerRightByKeyboard(page, { shortcuts: true });
  await assertResultPage(page, { correct: true });

  assert.deepEqual(page.problems, [], 'no script errors');
  await page.context().close();
});

test('with JavaScript off: the study pages still work from the keyboard', { timeout: 90_000 }, async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await signInAndJoin(page, 'bea');

  await page.goto(`${base}/courses/${COURSE}/study`);
  await assertQuestionPage(page);
  // The digit keys are study.js's: with scripts off a digit picks nothing (and breaks nothing).
  if ((await page.locator('#answer-form input[name=choice]').count()) > 0) {
    await page.keyboard.press('1');
    assert.equal(await page.locator('#answer-form input[name=choice]:checked').count(), 0, 'JavaScript is off');
  }

  // Two questions in a row, answered and continued with native keys alone.
  for (let i = 0; i < 2; i++) {
    await answerRightByKeyboard(page, { shortcuts: false });
    await assertResultPage(page, { correct: true });
    await pressAndNavigate(page, 'Space', STUDY_URL);
    await assertQuestionPage(page);
  }

  // A blank answer: the error summary is autofocused with no script (UI.md principle 4).
  let guard = 0;
  while (!['numeric', 'short_text', 'cloze'].includes(await page.locator('#answer-form').getAttribute('data-kind'))) {
    assert.ok(guard++ < 10, 'a question with a text input comes up');
    await answerRightByKeyboard(page, { shortcuts: false });
    await pressAndNavigate(page, 'Space', STUDY_URL);
  }
  await assertBlankAnswerIsAnError(page);
  await answerRightByKeyboard(page, { shortcuts: false });
  await assertResultPage(page, { correct: true });
  // Enter on the autofocused button continues too.
  await pressAndNavigate(page, 'Enter', STUDY_URL);
  await assertQuestionPage(page);

  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('at 390×844 the study controls are at least 44×44 px and nothing scrolls sideways', { timeout: 60_000 }, async () => {
  const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await signInAndJoin(page, 'cal');
  await page.goto(`${base}/courses/${COURSE}/study`);
  await assertQuestionPage(page);
  const faults = [
    ...(await smallerThan44(page.locator('#check-answer'), 'the Check answer button')),
    ...(await sideScroll(page, 390, 'the question page')),
  ];
  if ((await page.locator('#answer-form label.choice').count()) > 0) {
    faults.push(...(await smallerThan44(page.locator('#answer-form label.choice'), 'the choice row')));
  }

  await answerRightByKeyboard(page, { shortcuts: true });
  await assertResultPage(page, { correct: true });
  assert.equal(await page.locator('#rating-form button.rating').count(), 4, 'four rating buttons');
  faults.push(
    ...(await smallerThan44(page.locator('#rating-form button.rating'), 'the rating button')),
    ...(await sideScroll(page, 390, 'the result page')),
  );

  assert.deepEqual(faults, [], 'study targets of 44×44 px and reflow at 390 px (UI.md principles 9 and 11)');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
