// The style sheet of every page of a dataset (landing page, action lists, action pages), inlined in each: one text, so one hash in the Content-Security-Policy.

export const CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #d7dbe0; --accent: #154273; --soft: #f3f6f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 2rem; }
header::after { content: ""; display: block; border-bottom: 4px solid var(--accent); margin-top: 1rem; }
.kicker { margin: 0; color: var(--muted); font-size: .9rem; text-transform: uppercase; letter-spacing: .04em; }
h1 { margin: .2rem 0 .6rem; font-size: 2rem; line-height: 1.2; color: var(--accent); }
h2 { margin: 2.5rem 0 .75rem; font-size: 1.5rem; color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
h3 { margin: 2rem 0 .5rem; font-size: 1.2rem; }
h4 { margin: 0 0 .5rem; font-size: 1.05rem; }
.lead { font-size: 1.1rem; max-width: 52rem; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; }
a { color: var(--accent); }
code { font-size: .85em; overflow-wrap: anywhere; }
td code { white-space: nowrap; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1.25rem; margin: 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
ul.tags { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .3rem; }
ul.tags li { background: var(--soft); border: 1px solid var(--line); border-radius: 1rem; padding: 0 .6rem; font-size: .9rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); border-bottom: 2px solid var(--accent); white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
.num { text-align: right; white-space: nowrap; }
ul.orgs { margin: 0; padding-left: 1rem; }
ul.themes { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; }
.numeral { display: inline-block; min-width: 1.8rem; text-align: center; background: var(--accent); color: #fff; border-radius: .25rem; font-size: .85rem; padding: 0 .3rem; }
.status { display: inline-block; border-radius: .25rem; padding: 0 .4rem; font-size: .85rem; border: 1px solid currentColor; }
.status-new { color: #1e6b2f; background: #e8f5eb; }
.status-none { color: #6b5a1e; background: #fbf5e0; }
.status-repeated { color: #4b4f54; background: #eef0f2; }
article.action { border: 1px solid var(--line); border-radius: .4rem; padding: 1rem 1.25rem; margin: 1rem 0; }
ol.timeline { list-style: none; margin: 0; padding: 0 0 0 1rem; border-left: 3px solid var(--line); }
ol.timeline > li { position: relative; padding: 0 0 .5rem .5rem; }
ol.timeline > li > p, ol.timeline > li > ul { max-width: 52rem; }
ol.timeline > li::before { content: ""; position: absolute; left: calc(-1rem - 1.5px - .375rem); top: .45rem; width: .75rem; height: .75rem; border-radius: 50%; background: var(--accent); }
.when { color: var(--muted); margin: 0 0 .4rem; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 3rem; padding-top: 1rem; padding-bottom: 2rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
figure.chart { margin: 1.5rem 0; }
figure.chart img { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: .4rem; }
figure.chart figcaption { color: var(--muted); font-size: .95rem; max-width: 52rem; }
figure.chart details { margin-top: .4rem; }
.lang { float: right; font-size: .9rem; }
.kicker a { color: inherit; }
h1 .numeral { font-size: 1.1rem; vertical-align: .2em; }
nav.pages ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem .9rem; }
nav.pages a[aria-current="page"] { color: var(--ink); font-weight: 600; text-decoration: none; }
`;
