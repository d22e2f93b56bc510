/** A4 PDF of a report page through Chromium's print-to-PDF, with company, period and page numbers. */
import { launchChromium } from '../lib/chromium.ts';
import { escapeText } from './render.ts';

/** Prints each `[html, pdfPath, header]` to A4 PDF. */
export async function printPdfs(jobs: readonly { html: string; path: string; header: string }[]): Promise<void> {
  const browser = await launchChromium().catch((e: Error) => {
    throw new Error(`cannot start Chromium for the PDF (${e.message}); install it with: apt-get install -y chromium fonts-noto-cjk`);
  });
  try {
    const page = await browser.newPage();
    for (const j of jobs) {
      await page.setContent(j.html, { waitUntil: 'load' });
      await page.pdf({
        path: j.path, format: 'A4', printBackground: true, displayHeaderFooter: true,
        margin: { top: '18mm', bottom: '16mm', left: '14mm', right: '14mm' },
        headerTemplate: `<div style="font-size:8px;width:100%;padding:0 14mm;color:#555;font-family:'Noto Sans CJK SC',sans-serif">${escapeText(j.header)}</div>`,
        footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#555"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
      });
    }
  } finally {
    await browser.close();
  }
}
