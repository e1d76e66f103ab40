// The site's one stylesheet: a readable personal site (serif text column, sans headings), responsive down to a
// phone, dark when the reader's system is, and printable (the PDF portfolio uses the same pages). Colours meet
// WCAG AA contrast in both schemes (the end-to-end test runs axe-core on every page type, light and dark).
export const SITE_CSS = `
:root {
  color-scheme: light dark;
  --bg: #fbfaf7;
  --surface: #f2efe8;
  --fg: #1c1b1a;
  --muted: #595650;
  --border: #dcd7cc;
  --accent: #9a3412;
  --accent-soft: #fde7dc;
  --font-text: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif;
  --font-ui: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --font-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  --measure: 40rem;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #151412;
    --surface: #201e1b;
    --fg: #ece8e1;
    --muted: #b1aba1;
    --border: #3a3631;
    --accent: #fb9a6c;
    --accent-soft: #3b2418;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--fg);
  font: 1.125rem/1.65 var(--font-text);
  font-kerning: normal;
  text-rendering: optimizeLegibility;
}
a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: .18em; }
a:hover { text-decoration-thickness: 2px; }
a:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; border-radius: 2px; }
h1, h2, h3, h4, h5, h6 { font-family: var(--font-ui); line-height: 1.25; letter-spacing: -.01em; margin: 2rem 0 .75rem; }
h1 { font-size: clamp(2rem, 1.4rem + 2.4vw, 2.75rem); letter-spacing: -.02em; margin-top: 0; }
h2 { font-size: 1.5rem; }
h3 { font-size: 1.25rem; }
p, ul, ol, blockquote, pre, table, figure { margin: 0 0 1.1rem; }
img { max-width: 100%; height: auto; }
figure img { display: block; margin: 0 auto; border-radius: 6px; }
hr { border: 0; border-top: 1px solid var(--border); margin: 2.5rem 0; }
code { font-family: var(--font-mono); font-size: .88em; }
:not(pre) > code { background: var(--surface); padding: .1em .35em; border-radius: 4px; }
pre { background: var(--surface); border: 1px solid var(--border); padding: .9rem 1rem; border-radius: 8px; overflow: auto; line-height: 1.45; }
blockquote { margin-inline: 0; padding: .1rem 0 .1rem 1.1rem; border-inline-start: 3px solid var(--accent); color: var(--muted); font-style: italic; }
table { border-collapse: collapse; display: block; overflow: auto; font-size: .95em; }
th, td { border: 1px solid var(--border); padding: .4rem .7rem; vertical-align: top; text-align: start; }
th { background: var(--surface); font-family: var(--font-ui); }
th p, td p { margin: 0; }
ul.tasks { list-style: none; padding-inline-start: .25rem; }
li.task > input { margin-inline-end: .5rem; }
li.task > p:first-of-type { display: inline; }
.missing-image { font-style: italic; color: var(--muted); }

.skip {
  position: absolute; left: 1rem; top: -4rem; z-index: 10;
  background: var(--fg); color: var(--bg); padding: .5rem 1rem; border-radius: 6px; font-family: var(--font-ui);
}
.skip:focus { top: 1rem; }

.site-header { border-bottom: 1px solid var(--border); font-family: var(--font-ui); }
.site-header nav {
  max-width: 60rem; margin: 0 auto; padding: .9rem 1.25rem;
  display: flex; flex-wrap: wrap; align-items: baseline; gap: .5rem 1.5rem;
}
.brand { font-weight: 700; font-size: 1.1rem; color: var(--fg); text-decoration: none; margin-inline-end: auto; }
.site-header ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.1rem; margin: 0; padding: 0; font-size: .98rem; }
.site-header ul a { color: var(--muted); text-decoration: none; padding: .2rem 0; }
.site-header ul a:hover { color: var(--fg); }
.site-header ul a[aria-current="page"] { color: var(--fg); font-weight: 600; box-shadow: inset 0 -2px 0 var(--accent); }

main { max-width: var(--measure); margin: 0 auto; padding: 3rem 1.25rem 4rem; }
main.wide { max-width: 60rem; }
.lead { font-size: 1.22rem; color: var(--muted); margin-bottom: 2rem; }
.meta { font-family: var(--font-ui); font-size: .92rem; color: var(--muted); margin: -.25rem 0 1.5rem; }
.meta span + span::before { content: "·"; margin: 0 .5rem; }
.tags { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem; font-family: var(--font-ui); font-size: .82rem; }
.tags li { background: var(--accent-soft); color: var(--fg); border-radius: 999px; padding: .1rem .65rem; }

.hero { display: grid; grid-template-columns: auto 1fr; gap: 1.75rem; align-items: center; margin-bottom: 2.5rem; }
.avatar { width: 8rem; height: 8rem; object-fit: cover; border-radius: 50%; border: 3px solid var(--surface); box-shadow: 0 0 0 1px var(--border); }
.hero h1 { margin-bottom: .35rem; }
.headline { font-family: var(--font-ui); font-size: 1.2rem; color: var(--muted); margin: 0; }
.bio { font-size: 1.15rem; }
.elsewhere { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; font-family: var(--font-ui); font-size: .95rem; }
.elsewhere a { display: inline-block; border: 1px solid var(--border); border-radius: 999px; padding: .3rem .9rem; text-decoration: none; }
.elsewhere a:hover { border-color: var(--accent); }
.section-head { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem; border-bottom: 1px solid var(--border); margin: 3rem 0 1rem; }
.section-head h2 { margin: 0 0 .4rem; font-size: 1.2rem; text-transform: uppercase; letter-spacing: .06em; }
.section-head a { font-family: var(--font-ui); font-size: .92rem; white-space: nowrap; }

.entries { list-style: none; padding: 0; margin: 0; }
.entries > li { padding: 1.1rem 0; border-bottom: 1px solid var(--border); }
.entries > li:last-child { border-bottom: 0; }
.entries h2, .entries h3 { font-size: 1.25rem; margin: 0 0 .25rem; }
.entries h2 a, .entries h3 a { color: var(--fg); text-decoration: none; }
.entries h2 a:hover, .entries h3 a:hover { color: var(--accent); text-decoration: underline; }
.entries p { margin: .35rem 0 0; }
.entries .summary { color: var(--muted); }
.entry-meta { font-family: var(--font-ui); font-size: .88rem; color: var(--muted); }
.entry-meta span + span::before { content: "·"; margin: 0 .45rem; }
.commentary { margin-top: .6rem; padding: .7rem 1rem; background: var(--surface); border-radius: 8px; }
.commentary > :last-child { margin-bottom: 0; }
.commentary h2, .commentary h3, .commentary h4, .commentary h5 { font-size: 1rem; margin: .5rem 0; }

.talk dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0 0; font-family: var(--font-ui); font-size: .92rem; }
.talk dt { color: var(--muted); }
.talk dd { margin: 0; }

.timeline { list-style: none; padding: 0; margin: 0; border-inline-start: 2px solid var(--border); }
.timeline > li { position: relative; padding: 0 0 2rem 1.75rem; }
.timeline > li::before {
  content: ""; position: absolute; left: -.45rem; top: .45rem; width: .8rem; height: .8rem;
  border-radius: 50%; background: var(--bg); border: 2px solid var(--accent);
}
.timeline h2 { font-size: 1.3rem; margin: 0; display: flex; align-items: center; gap: .6rem; }
.timeline .logo { width: 2rem; height: 2rem; object-fit: contain; border-radius: 4px; background: #fff; }
.timeline .role { margin: .1rem 0; }
.timeline .period, .timeline .count { font-family: var(--font-ui); font-size: .9rem; color: var(--muted); margin: 0; }

.pagination { font-family: var(--font-ui); margin-top: 2.5rem; }
.pagination ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .35rem; align-items: center; }
.pagination a, .pagination span { display: inline-block; min-width: 2.4rem; padding: .35rem .6rem; text-align: center; border-radius: 6px; border: 1px solid var(--border); text-decoration: none; }
.pagination [aria-current="page"] { background: var(--fg); color: var(--bg); border-color: var(--fg); }
.back { font-family: var(--font-ui); font-size: .95rem; margin-top: 3rem; }

.site-footer { border-top: 1px solid var(--border); font-family: var(--font-ui); font-size: .88rem; color: var(--muted); }
.site-footer div { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 2.5rem; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; justify-content: space-between; }
.site-footer ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; }
.site-footer p { margin: 0; }

@media (max-width: 40rem) {
  body { font-size: 1.05rem; }
  main { padding-top: 2rem; }
  .hero { grid-template-columns: 1fr; gap: 1rem; }
  .avatar { width: 6rem; height: 6rem; }
  .talk dl { grid-template-columns: 1fr; }
  .talk dd { margin-bottom: .35rem; }
}

@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  :root { --bg: #fff; --surface: #f4f4f4; --fg: #000; --muted: #444; --border: #ccc; --accent: #7c2d12; }
  body { font-size: 11pt; }
  .site-header, .site-footer, .skip, .pagination, .back { display: none; }
  main, main.wide { max-width: none; padding: 0; }
  .print-section { break-before: page; }
  .print-section:first-child { break-before: auto; }
  .print-post + .print-post { border-top: 1px solid var(--border); margin-top: 1.5rem; padding-top: 1.5rem; }
  .print-post h3 { break-after: avoid; }
  article, .entries > li, .timeline > li { break-inside: avoid; }
  a { color: inherit; }
  pre { white-space: pre-wrap; }
}
`.trim()
