// Takes the README's screenshots with Playwright (the driver that ships in the Microsoft.Playwright NuGet package,
// on the system's Chromium) against a running demo: node scripts/screenshots.mjs http://127.0.0.1:PORT docs/screenshots
// scripts/screenshots.sh starts the demo and runs this.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_PACKAGE);
const [base, out] = process.argv.slice(2);
const password = 'Readiness-Demo-2026!';

const shots = [
  { file: 'dashboard-team-lead.png', user: 'tl.custody@readiness.demo', path: '/' },
  { file: 'dashboard-bcm.png', user: 'bcm.justice@readiness.demo', path: '/' },
  { file: 'dashboard-sro.png', user: 'sro.connect@readiness.demo', path: '/' },
  { file: 'dashboard-pmo.png', user: 'pmo@readiness.demo', path: '/' },
  { file: 'release.png', user: 'sro.connect@readiness.demo', path: '/Releases/CONNECT-P1' },
  { file: 'release-pack.png', user: 'sro.connect@readiness.demo', path: '/Releases/CONNECT-P1/Pack' },
  { file: 'heatmap.png', user: 'pmo@readiness.demo', path: '/Portfolio/Heatmap' },
  { file: 'phone-decision.png', user: 'bcm.justice@readiness.demo', path: 'first-decision', width: 375, height: 812 },
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const shot of shots) {
  const context = await browser.newContext({ viewport: { width: shot.width ?? 1280, height: shot.height ?? 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(base + '/Account/SignIn');
  await page.fill('#Email', shot.user);
  await page.fill('#Password', password);
  await Promise.all([page.waitForURL(u => !u.pathname.startsWith('/Account/SignIn')), page.click('button[type=submit]')]);
  let path = shot.path;
  if (path === 'first-decision') {
    await page.goto(base + '/Approvals');
    path = await page.locator('[data-testid=pending] a').first().getAttribute('href');
  }
  await page.goto(base + path);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${out}/${shot.file}`, fullPage: !shot.width });
  console.log(`${shot.file}: ${path}`);
  await context.close();
}
await browser.close();
