/** The HTML report's only style sheet, inlined: the report must open offline and survive being mailed. */
export const HTML_STYLE = `
:root { color-scheme: light; --fg: #1b1b1b; --muted: #5c5c5c; --line: #d8d8d8; --warn: #8a5a00; --bad: #b00020; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--fg); margin: 0 auto;
  max-width: 980px; padding: 24px; background: #fff; }
h1 { font-size: 1.6em; margin: 0 0 4px; } h2 { font-size: 1.25em; margin: 28px 0 8px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05em; margin: 18px 0 6px; }
.meta, .muted { color: var(--muted); }
.banner { border: 2px solid var(--warn); color: var(--warn); padding: 8px 12px; margin: 12px 0; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; font-weight: 600; } td.num, th.num { text-align: right; white-space: nowrap; }
table.kv th { width: 12em; background: none; }
.failed { color: var(--bad); font-weight: 600; } .mismatch { color: var(--bad); font-weight: 700; }
ul.notes { padding-left: 20px; } ul.notes li { margin: 3px 0; } .kind { font-weight: 600; color: var(--warn); }
figure { margin: 12px 0 20px; } figure svg { max-width: 100%; height: auto; display: block; }
svg text { font: 11px system-ui, sans-serif; fill: #333; } svg text.title { font-size: 13px; font-weight: 600; }
svg text.note { fill: #666; } svg .grid { stroke: #e6e6e6; } svg .axis { stroke: #444; }
svg .ideal { stroke: #999; stroke-dasharray: 4 4; stroke-width: 1.5; } svg .cores { stroke: #8a5a00; stroke-dasharray: 2 3; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; } figure, table.kv, tr { break-inside: avoid; }
}
`;
