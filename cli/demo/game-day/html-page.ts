/**
 * A standalone HTML page of the game day's Markdown: rendered with `marked`, the Mermaid blocks
 * drawn by Mermaid in the browser from the installed package's script, inlined — no CDN, so the
 * page works offline and shows the same diagrams GitHub draws from the same Markdown.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Marked } from 'marked';

const require = createRequire(import.meta.url);

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Markdown → HTML body; ```mermaid blocks become `<pre class="mermaid">` for Mermaid to draw. */
export function markdownToHtml(markdown: string): string {
  const marked = new Marked({
    gfm: true,
    renderer: {
      code({ text, lang }) {
        return lang === 'mermaid' ? `<pre class="mermaid">${escapeHtml(text)}</pre>\n` : false;
      },
    },
  });
  return marked.parse(markdown, { async: false }) as string;
}

/** Mermaid's browser bundle, made safe to sit inside a <script> element. */
function mermaidScript(): string {
  return readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
}

const STYLE = `body{font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#1f2328}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #d1d9e0;padding:4px 10px;text-align:left}th{background:#f6f8fa}
code{background:#eff1f3;padding:.1em .3em;border-radius:4px;font-size:90%}pre{background:#f6f8fa;padding:1em;overflow:auto}
pre.mermaid{background:none}h1,h2{border-bottom:1px solid #d1d9e0;padding-bottom:.3em}
.check{border:1px solid #d1d9e0;border-radius:6px;padding:.2em 1em;margin:1em 0}.comment{border:1px solid #d1d9e0;border-radius:6px;padding:.2em 1em}`;

export function htmlPage(title: string, markdown: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${markdownToHtml(markdown)}
<script>${mermaidScript()}</script>
<script>mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }); mermaid.run({ querySelector: 'pre.mermaid' });</script>
</body>
</html>
`;
}
