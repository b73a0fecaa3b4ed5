/// `style.css`: one small offline stylesheet shared by every page of a run (no fonts, no scripts).
enum StyleSheet {
    static let css = """
        :root {
          --text: #1d2330; --muted: #5b6475; --line: #d5d9e0; --stripe: #f5f7fa; --link: #0b57a4;
          --critical: #8e0b0b; --high: #b3261e; --medium: #8a5a00; --low: #3d5a80; --ok: #1e6b35;
        }
        * { box-sizing: border-box; }
        body {
          margin: 0; color: var(--text); background: #fff; line-height: 1.45;
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
        }
        header.page, main, footer.page { max-width: 78rem; margin: 0 auto; padding: 0 1.25rem; }
        header.page { padding-top: 1rem; border-bottom: 1px solid var(--line); }
        h1 { font-size: 1.6rem; margin: 0.4rem 0 0.6rem; }
        h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--line); }
        a { color: var(--link); }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; }
        .breadcrumb { font-size: 0.9rem; color: var(--muted); }
        .toc ul { list-style: none; padding: 0; margin: 0 0 0.8rem; display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; }
        .count, .detail, .intro, .none, footer.page { color: var(--muted); }
        .detail { font-size: 0.9em; }
        .rule-id { font-variant-numeric: tabular-nums; font-weight: 600; }
        .rule-name { font-weight: normal; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0 1rem; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; }
        ul.plain { list-style: none; margin: 0; padding: 0; }
        ul.evidence { margin: 0; padding-left: 1.1rem; }
        ol { margin: 0; padding-left: 1.4rem; }
        table.data { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.93rem; }
        table.data caption { text-align: left; font-weight: 600; padding: 0.3rem 0; color: var(--muted); }
        table.data th, table.data td { border: 1px solid var(--line); padding: 0.35rem 0.5rem; vertical-align: top; text-align: left; }
        table.data thead th { background: #e9edf3; }
        table.data tbody th { font-weight: normal; }
        table.data tbody tr:nth-child(even) { background: var(--stripe); }
        table.summary { width: auto; min-width: 22rem; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        table.data .num { text-align: right; }
        .alert { border-left: 4px solid var(--high); background: #fdf0ef; padding: 0.5rem 0.8rem; margin: 0.6rem 0; }
        .badge { display: inline-block; padding: 0 0.45em; border-radius: 0.6em; font-size: 0.85em;
          border: 1px solid currentColor; white-space: nowrap; font-weight: 600; }
        .is-critical { color: var(--critical); } .is-high, .is-error, .is-blocks, .is-expired { color: var(--high); }
        .is-medium, .is-stale, .is-manual, .is-optional { color: var(--medium); } .is-low, .is-unused { color: var(--low); }
        .is-ok, .is-auto, .is-active { color: var(--ok); } .is-no-inventory { color: var(--muted); }
        footer.page { margin-top: 2.5rem; padding-top: 0.6rem; padding-bottom: 1.5rem; border-top: 1px solid var(--line);
          font-size: 0.85rem; }
        @media print {
          body { font-size: 10pt; }
          header.page, main, footer.page { max-width: none; padding: 0; }
          .breadcrumb, .toc { display: none; }
          a { color: inherit; text-decoration: none; }
          h2 { break-after: avoid; }
          table.data { font-size: 9pt; }
          thead { display: table-header-group; }
          tr { break-inside: avoid; }
          .alert { border: 1px solid #000; background: none; }
          .badge { border-color: #000; color: #000; }
        }

        """
}
