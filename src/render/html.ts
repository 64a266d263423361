/** HTML escaping for every renderer: everything user-provided goes through it. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A complete standalone HTML document in Japanese-capable fonts. */
export function htmlDocument(opts: { title: string; lang: 'ja' | 'en'; body: string; css?: string }): string {
  return `<!doctype html>
<html lang="${opts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<style>
body { font-family: "Noto Sans JP", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; margin: 2rem; color: #1a1a1a; line-height: 1.6; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #888; padding: .4rem .5rem; vertical-align: top; text-align: left; }
th { background: #eef2f7; }
th.col-checklist { width: 16%; } th.col-provision { width: 22%; } th.col-judgment { width: 9em; }
u { text-decoration-thickness: 2px; text-underline-offset: 3px; }
del { color: #b00020; text-decoration: line-through; }
.tag { font-weight: bold; display: block; margin-top: .25rem; }
.summary { display: block; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.meta { color: #444; }
${opts.css ?? ''}
</style>
</head>
<body>
${opts.body}
</body>
</html>
`;
}
