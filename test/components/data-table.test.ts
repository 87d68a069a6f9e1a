/** DataTable renders the table markup the panels wrote by hand before it. */
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable } from "@/components/data-table";

const row = h("tr", { key: "a" }, h("td", null, "acme"), h("td", { className: "num" }, "3"));

describe("DataTable", () => {
  it("writes the header cells, leaves out false columns and passes other props to the table", () => {
    const props: Parameters<typeof DataTable>[0] & { "data-testid": string } = {
      columns: ["Name", { label: "Keys", num: true, title: "active only" }, false, { ariaLabel: "Actions" }, {}],
      "data-testid": "projects",
      children: [row],
    };
    const table = h(DataTable, props);
    const byHand = h(
      "table",
      { className: "data", "data-testid": "projects" },
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          h("th", null, "Name"),
          h("th", { className: "num", title: "active only" }, "Keys"),
          h("th", { "aria-label": "Actions" }),
          h("th", null),
        ),
      ),
      h("tbody", null, [row]),
    );
    expect(renderToStaticMarkup(table)).toBe(renderToStaticMarkup(byHand));
  });

  it("scrolls sideways in .table-scroll when asked", () => {
    const markup = renderToStaticMarkup(h(DataTable, { columns: ["Name"], scroll: true, children: [row] }));
    expect(markup).toBe(
      '<div class="table-scroll"><table class="data"><thead><tr><th>Name</th></tr></thead>' +
        '<tbody><tr><td>acme</td><td class="num">3</td></tr></tbody></table></div>',
    );
  });
});
