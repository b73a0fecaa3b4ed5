/// `style.css`: one small offline stylesheet shared by every page of a run (no fonts, no imports).
///
/// Colours are custom properties with a light and a dark set (`prefers-color-scheme`); charts
/// take theirs from the `--s-…` properties, so both schemes and print apply to them too. Every
/// colour also comes with a word (badges, legends, labels), so nothing depends on colour alone.
enum StyleSheet {
    static let css = """
        :root {
          color-scheme: light dark;
          --bg: #fff; --surface: #f5f7fa; --text: #1d2330; --muted: #566072; --line: #d5d9e0; --head: #e8ecf2;
          --stripe: #f7f9fb; --link: #0b57a4; --alert: #fdf0ef; --focus: #1a73e8;
          --critical: #8e0b0b; --high: #b3261e; --medium: #8a5a00; --low: #2f5d8a; --ok: #1e6b35; --info: #0b57a4;
          --s-manual: #d98c0b; --s-auto: #2f8f57; --s-assigned: #4a73b0; --s-to-unassign: #8a4fb5; --s-excluded: #98a2b3;
          --s-critical: #8e0b0b; --s-high: #d64541; --s-medium: #e2a32a; --s-low: #6f93c6;
          --s-new: #c8551b; --s-resolved: #2f8f57;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #13161b; --surface: #1b2028; --text: #e3e6eb; --muted: #a0a9b8; --line: #353c48; --head: #232a35;
            --stripe: #181c23; --link: #82bdff; --alert: #3a1d1d; --focus: #8ab4f8;
            --critical: #ff8ab8; --high: #ff7b72; --medium: #e8b64c; --low: #9dbcec; --ok: #63d07f; --info: #82bdff;
            --s-manual: #e8a53a; --s-auto: #45b36f; --s-assigned: #6b93d6; --s-to-unassign: #b07fdc;
            --s-excluded: #7d8696; --s-critical: #d0457f; --s-high: #f0605a; --s-medium: #e8b64c; --s-low: #7fa6dc;
            --s-new: #f08040; --s-resolved: #45b36f;
          }
        }
        * { box-sizing: border-box; }
        body {
          margin: 0; color: var(--text); background: var(--bg);
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
        }
        header.page, main, footer.page { max-width: 92rem; margin: 0 auto; padding: 0 1.25rem; }
        header.page { padding-top: 0.8rem; padding-bottom: 0.4rem; border-bottom: 1px solid var(--line); }
        h1 { font-size: 1.65rem; margin: 0.3rem 0 0.2rem; }
        h1 .run { font-size: 0.95rem; font-weight: normal; color: var(--muted); }
        h2 { font-size: 1.25rem; margin: 2.2rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 2px solid var(--line); }
        h3 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; }
        a { color: var(--link); }
        a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible {
          outline: 3px solid var(--focus); outline-offset: 2px; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; }
        .skip { position: absolute; left: -999px; top: 0.5rem; background: var(--bg); padding: 0.4rem 0.8rem; }
        .skip:focus { left: 0.5rem; z-index: 2; }
        .breadcrumb { font-size: 0.9rem; color: var(--muted); }
        .lede { margin: 0.1rem 0 0.5rem; color: var(--muted); }
        .lead { font-size: 1.08rem; max-width: 62rem; margin: 0.4rem 0 1rem; }
        .toc ul { list-style: none; padding: 0; margin: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.1rem; }
        .count, .detail, .intro, .none, .zero, footer.page { color: var(--muted); }
        .detail { font-size: 0.9em; }
        .intro { margin: 0.2rem 0 0.6rem; max-width: 62rem; }
        .rule-id { font-variant-numeric: tabular-nums; font-weight: 600; }
        .rule-name { font-weight: normal; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0 1rem; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; }
        ul.plain { list-style: none; margin: 0; padding: 0; }
        ul.plain li { margin: 0.2rem 0; }
        ul.evidence { margin: 0; padding-left: 1.1rem; }
        ol { margin: 0; padding-left: 1.4rem; }
        ul.cards { list-style: none; margin: 0.6rem 0 1rem; padding: 0; display: grid; gap: 0.6rem;
          grid-template-columns: repeat(auto-fill, minmax(12.5rem, 1fr)); }
        ul.cards.compact { grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); }
        .card a { display: block; height: 100%; padding: 0.55rem 0.8rem; border: 1px solid var(--line);
          border-left: 6px solid var(--muted); border-radius: 6px; background: var(--surface); color: var(--text);
          text-decoration: none; }
        .card a:hover { border-color: var(--link); }
        .card .value { display: block; font-size: 1.9rem; font-weight: 700; line-height: 1.15;
          font-variant-numeric: tabular-nums; }
        .compact .card .value { font-size: 1.5rem; }
        .card .label { font-weight: 600; }
        .card .detail { display: block; }
        .tone-warn a { border-left-color: var(--s-manual); } .tone-ok a { border-left-color: var(--s-auto); }
        .tone-danger a { border-left-color: var(--high); } .tone-info a { border-left-color: var(--s-assigned); }
        .tone-quiet a { border-left-color: var(--line); color: var(--muted); }
        .charts { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 34rem), 1fr)); }
        figure.chart { margin: 0; padding: 0.6rem 0.8rem; border: 1px solid var(--line); border-radius: 6px;
          background: var(--surface); }
        figure.chart figcaption { font-weight: 600; margin-bottom: 0.3rem; }
        figure.chart svg { display: block; max-width: 100%; height: auto; }
        figure.chart p { margin: 0.3rem 0 0; }
        .chart text { fill: var(--text); font-size: 13px; font-family: inherit; }
        .chart text.value { fill: var(--muted); font-variant-numeric: tabular-nums; }
        .series-manual { fill: var(--s-manual); } .series-auto { fill: var(--s-auto); }
        .series-assigned { fill: var(--s-assigned); } .series-to-unassign { fill: var(--s-to-unassign); }
        .series-excluded { fill: var(--s-excluded); } .series-critical { fill: var(--s-critical); }
        .series-high { fill: var(--s-high); } .series-medium { fill: var(--s-medium); } .series-low { fill: var(--s-low); }
        .series-new { fill: var(--s-new); } .series-resolved { fill: var(--s-resolved); }
        table.data { border-collapse: collapse; width: 100%; margin: 0.4rem 0 1.2rem; font-size: 0.93rem; }
        table.data caption { text-align: left; font-weight: 600; padding: 0.3rem 0; color: var(--muted); }
        table.data th, table.data td { border: 1px solid var(--line); padding: 0.35rem 0.5rem; vertical-align: top;
          text-align: left; }
        table.data thead th { background: var(--head); position: sticky; top: 0; }
        table.data tbody th { font-weight: normal; }
        table.data tbody tr:nth-child(even) { background: var(--stripe); }
        table.data .num { text-align: right; font-variant-numeric: tabular-nums; }
        table.hosts tbody th, .host-list a { white-space: nowrap; }
        th button { all: unset; cursor: pointer; font-weight: 600; }
        th button::after { content: " ↕"; color: var(--muted); font-weight: normal; }
        th[aria-sort="ascending"] button::after { content: " ▲"; color: var(--text); }
        th[aria-sort="descending"] button::after { content: " ▼"; color: var(--text); }
        label.filter { display: block; margin: 0.4rem 0 0; font-size: 0.9rem; }
        label.filter input { font: inherit; padding: 0.2rem 0.4rem; min-width: 16rem; color: var(--text);
          background: var(--bg); border: 1px solid var(--line); border-radius: 4px; }
        .alert { border-left: 4px solid var(--high); background: var(--alert); padding: 0.5rem 0.8rem; margin: 0.6rem 0; }
        .badge { display: inline-block; padding: 0 0.45em; border-radius: 0.6em; font-size: 0.85em;
          border: 1px solid currentColor; white-space: nowrap; font-weight: 600; }
        .is-critical { color: var(--critical); } .is-critical.badge { border-width: 2px; }
        .is-high, .is-error, .is-blocks, .is-expired { color: var(--high); }
        .is-medium, .is-stale, .is-manual, .is-optional { color: var(--medium); }
        .is-low, .is-unused, .is-module { color: var(--low); }
        .is-ok, .is-auto, .is-active { color: var(--ok); } .is-no-inventory { color: var(--muted); }
        .statuses .badge { margin-right: 0.3rem; }
        .pager ol { list-style: none; padding: 0; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.3rem; }
        .pager li > * { display: inline-block; padding: 0.15rem 0.5rem; border: 1px solid var(--line);
          border-radius: 4px; font-size: 0.88rem; }
        .pager [aria-current] { background: var(--head); font-weight: 600; }
        .page-number { font-weight: 700; }
        .host-list { columns: 14rem; margin: 0.3rem 0; }
        table.triage li { max-height: 9em; overflow: auto; }
        p.more { font-weight: 600; }
        .host-list a { display: inline-block; margin-right: 0.6rem; }
        footer.page { margin-top: 2.5rem; padding-top: 0.6rem; padding-bottom: 1.5rem; border-top: 1px solid var(--line);
          font-size: 0.85rem; }
        @media print {
          :root { --bg: #fff; --surface: #fff; --text: #000; --muted: #333; --line: #999; --head: #eee; --stripe: #fff; }
          body { font-size: 9.5pt; }
          header.page, main, footer.page { max-width: none; padding: 0; }
          .skip, .breadcrumb, .toc, .pager, label.filter, th button::after { display: none; }
          a { color: inherit; text-decoration: none; }
          h2 { break-after: avoid; }
          table.data { font-size: 8.5pt; }
          table.data thead th { position: static; }
          thead { display: table-header-group; }
          tr, figure.chart, .card { break-inside: avoid; }
          table.triage li { max-height: none; }
          .charts { grid-template-columns: 1fr 1fr; }
          figure.chart, .chart rect { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
          .alert { border: 1px solid #000; background: none; }
          .badge { border-color: #000; color: #000; }
          .card a { border-color: #999; }
        }

        """
}
