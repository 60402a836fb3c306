/**
 * One Chromium for the process: launched on first use, reused by every print, closed when the
 * process is done with it. Debian's chromium by default (GONGKAI_CHROMIUM overrides); nothing is
 * downloaded. Pages run without JavaScript and without network, since they only lay out the
 * report's own self-contained HTML.
 */
import type * as Playwright from 'playwright-core';
import type { Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ChromiumOptions {
  /** Path of the Chromium binary; default $GONGKAI_CHROMIUM or /usr/bin/chromium. */
  executablePath?: string;
}

let shared: Promise<Browser> | null = null;

/**
 * playwright-core, imported with the first launch: the slowest of the server's libraries to
 * import, and most processes (and most tests) never print a PDF.
 */
let playwright: Promise<typeof Playwright> | null = null;
const loadPlaywright = () => (playwright ??= import('playwright-core'));

/** Launches a new Chromium (the caller closes it). */
export async function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  const executablePath =
    options.executablePath ?? process.env.GONGKAI_CHROMIUM ?? '/usr/bin/chromium';
  const { chromium } = await loadPlaywright();
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(
      `无法启动 Chromium（${executablePath}）：${detail}。请安装 Debian 的 chromium 软件包，或用环境变量 GONGKAI_CHROMIUM 指定其路径。`,
    );
  }
}

/** The process-wide Chromium, launched once; relaunched if it has gone away. */
export function sharedChromium(options: ChromiumOptions = {}): Promise<Browser> {
  if (!shared) {
    const launching = launchChromium(options);
    shared = launching;
    launching.then(
      (browser) =>
        browser.on('disconnected', () => {
          if (shared === launching) shared = null;
        }),
      () => {
        if (shared === launching) shared = null;
      },
    );
  }
  return shared;
}

/** Closes the process-wide Chromium, if it was launched. */
export async function closeSharedChromium(): Promise<void> {
  const current = shared;
  shared = null;
  if (!current) return;
  const browser = await current.catch(() => null);
  await browser?.close();
}

export interface PrintOptions {
  /** The browser to print with; default the shared one. */
  browser?: Browser;
  /** Page numbers centred in the footer, as official documents have them. Default true. */
  pageNumbers?: boolean;
}

/** Prints a self-contained HTML page to an A4 PDF (fonts embedded by Chromium). */
export async function printHtmlToPdf(
  html: string,
  options: PrintOptions = {},
): Promise<Uint8Array> {
  const browser = options.browser ?? (await sharedChromium());
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pageNumbers = options.pageNumbers ?? true;
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: pageNumbers,
      headerTemplate: '<span></span>',
      footerTemplate: pageNumbers
        ? '<div style="width:100%;text-align:center;font-size:9pt;font-family:serif;">— <span class="pageNumber"></span> —</div>'
        : '<span></span>',
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await context.close();
  }
}
