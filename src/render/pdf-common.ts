/**
 * PDF as every document of Tsunagu is printed: pdfmake with Noto Sans JP embedded (subset), so the
 * Japanese text is selectable and `pdftotext` extracts it, and page numbers centred in the footer.
 *
 * @example
 * const pdf = await renderPdf({
 *   pageSize: 'A4',
 *   defaultStyle: { font: PDF_FONT, fontSize: 10 },
 *   footer: pageNumberFooter(20),
 *   content: ['対応方針'],
 * });
 */
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The font name to give `defaultStyle.font`: Noto Sans JP, regular and bold. */
export const PDF_FONT = 'NotoSansJP';

type PdfMake = {
  addFonts: (f: unknown) => void;
  setUrlAccessPolicy: (f: (u: string) => boolean) => void;
  setLocalAccessPolicy: (f: (p: string) => boolean) => void;
  createPdf: (doc: unknown) => { getBuffer: () => Promise<Buffer> };
};

let printer: PdfMake | undefined;

/** pdfmake, set up once per process. */
function pdfmake(): PdfMake {
  if (printer) return printer;
  const fontDir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-jp/package.json'));
  const regular = path.join(fontDir, '400Regular', 'NotoSansJP_400Regular.ttf');
  const bold = path.join(fontDir, '700Bold', 'NotoSansJP_700Bold.ttf');
  const pm = require('pdfmake') as PdfMake;
  pm.addFonts({ [PDF_FONT]: { normal: regular, bold, italics: regular, bolditalics: bold } });
  // The document never fetches anything: no URLs, and only the font files from disk.
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((p) => p === regular || p === bold);
  printer = pm;
  return pm;
}

/**
 * Renders a pdfmake document definition. Use {@link PDF_FONT} as its font: no other is embedded.
 *
 * @example
 * const bytes = await renderPdf({ defaultStyle: { font: PDF_FONT }, content: ['確認結果'] });
 */
export async function renderPdf(doc: object): Promise<Buffer> {
  return pdfmake().createPdf(doc).getBuffer();
}

/**
 * A footer of `page / pages`, centred in small type, with `top` points of space above it.
 *
 * @example
 * footer: pageNumberFooter(12) // "3 / 5"
 */
export function pageNumberFooter(top: number) {
  return (page: number, pages: number) => ({ text: `${page} / ${pages}`, alignment: 'center', fontSize: 8, margin: [0, top, 0, 0] });
}
