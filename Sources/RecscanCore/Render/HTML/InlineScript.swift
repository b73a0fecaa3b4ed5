/// The few lines of script every page carries inline: sorting and filtering of tables.
///
/// Pages are complete without it: the script only adds controls (a button in each header of a
/// `table.sortable`, a search field before each `table.filterable`) and marks `<html>` with the
/// class `js` once it has run, which the browser tests check. A cell sorts by the `data-sort`
/// attribute of an element inside it when there is one (severity rank, say), else by its text,
/// comparing digit runs as numbers; a numeric column sorts largest first on the first click. It loads nothing and never reads page content as markup.
enum InlineScript {
    /// A literal written in this folder, so it is trusted markup.
    static let source: HTMLFragment = """
        "use strict";
        for (const table of document.querySelectorAll("table.sortable")) {
          const body = table.tBodies[0], headers = [...table.tHead.rows[0].cells];
          const key = (row, i) => { const cell = row.cells[i], tagged = cell && cell.querySelector("[data-sort]");
            return tagged ? tagged.dataset.sort : cell ? cell.textContent.trim() : ""; };
          headers.forEach((th, i) => {
            const button = document.createElement("button");
            button.type = "button"; button.textContent = th.textContent; th.replaceChildren(button);
            button.addEventListener("click", () => {
              const now = th.getAttribute("aria-sort"), up = now ? now !== "ascending" : !th.classList.contains("num");
              for (const other of headers) other.removeAttribute("aria-sort");
              th.setAttribute("aria-sort", up ? "ascending" : "descending");
              const rows = [...body.rows].sort((a, b) =>
                key(a, i).localeCompare(key(b, i), "en", { numeric: true }) * (up ? 1 : -1));
              body.append(...rows);
            });
          });
        }
        for (const table of document.querySelectorAll("table.filterable")) {
          const label = document.createElement("label"), field = document.createElement("input");
          const status = document.createElement("span"), rows = [...table.tBodies[0].rows];
          label.className = "filter"; label.textContent = "Filter rows: "; field.type = "search";
          status.className = "detail"; status.setAttribute("aria-live", "polite");
          label.append(field, " ", status); table.before(label);
          field.addEventListener("input", () => {
            const query = field.value.trim().toLowerCase();
            let shown = 0;
            for (const row of rows) { row.hidden = !row.textContent.toLowerCase().includes(query); shown += row.hidden ? 0 : 1; }
            status.textContent = query ? `${shown} of ${rows.length} rows` : "";
          });
        }
        document.documentElement.classList.add("js");
        """
}
