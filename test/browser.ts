import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { defer } from './processes';

/** Debian's Chromium (`.ci/run` installs it when missing); CHROMIUM_PATH names another build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests keep their screenshots: kept after the run as its artefacts. */
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', 'test-artifacts', 'screenshots');

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A page in a fresh browser context whose requests may reach loopback only. */
export interface LoopbackPage {
  page: Page;
  context: BrowserContext;
  /** Every request the page tried to send off the machine (each one was aborted). */
  blocked: string[];
  /** Every message the page wrote to its console at level error, and every uncaught page error. */
  errors: string[];
  /** Saves a full-page PNG under SCREENSHOT_DIR and returns its path. */
  screenshot(name: string): Promise<string>;
}

/**
 * Headless Chromium, as on an intranet with no way out: every request whose host is not loopback
 * is aborted and recorded, so a page that loads anything from outside is seen doing so. The
 * browser is on the cleanup stack (test/processes.ts).
 */
export async function launchBrowser(): Promise<{ browser: Browser; open(url: string): Promise<LoopbackPage> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
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
  defer(() => browser.close());
  const open = async (url: string): Promise<LoopbackPage> => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const blocked: string[] = [];
    const errors: string[] = [];
    await context.route('**/*', (route) => {
      const target = new URL(route.request().url());
      const local = ['data:', 'blob:', 'about:'].includes(target.protocol) || LOOPBACK_HOSTS.has(target.hostname);
      if (local) return route.continue();
      blocked.push(target.href);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    const screenshot = async (name: string) => {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    };
    return { page, context, blocked, errors, screenshot };
  };
  return { browser, open };
}
