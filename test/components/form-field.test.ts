/** The field components render the markup the forms wrote by hand before them (attributes in the order React writes them). */
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SelectField, TextField } from "@/components/form-field";

const noop = () => {};

describe("TextField", () => {
  it("is the .field box with its label and input; other props go to the input", () => {
    const field = h(TextField, {
      id: "budget-amount",
      label: "Amount (USD)",
      inputMode: "decimal",
      value: "12",
      onChange: noop,
      required: true,
      fieldStyle: { flex: "1 1 260px" },
    });
    const byHand = h(
      "div",
      { className: "field", style: { flex: "1 1 260px" } },
      h("label", { htmlFor: "budget-amount" }, "Amount (USD)"),
      h("input", {
        id: "budget-amount",
        className: "input",
        inputMode: "decimal",
        value: "12",
        onChange: noop,
        required: true,
      }),
    );
    expect(renderToStaticMarkup(field)).toBe(renderToStaticMarkup(byHand));
    expect(renderToStaticMarkup(field)).toContain('<input id="budget-amount" class="input"');
  });

  it("puts what follows the control inside the box", () => {
    const markup = renderToStaticMarkup(
      h(TextField, { id: "f", label: "Feature", after: h("span", { className: "hint" }, "check the spelling") }),
    );
    expect(markup).toBe(
      '<div class="field"><label for="f">Feature</label><input id="f" class="input"/><span class="hint">check the spelling</span></div>',
    );
  });
});

describe("SelectField", () => {
  it("is the .field box with its label and a select of the children", () => {
    const field = h(SelectField, { id: "hour", label: "Hour", name: "hour", defaultValue: "2" }, [
      h("option", { key: 1, value: "1" }, "01:00"),
      h("option", { key: 2, value: "2" }, "02:00"),
    ]);
    const byHand = h(
      "div",
      { className: "field" },
      h("label", { htmlFor: "hour" }, "Hour"),
      h("select", { id: "hour", className: "select", name: "hour", defaultValue: "2" }, [
        h("option", { key: 1, value: "1" }, "01:00"),
        h("option", { key: 2, value: "2" }, "02:00"),
      ]),
    );
    expect(renderToStaticMarkup(field)).toBe(renderToStaticMarkup(byHand));
    expect(renderToStaticMarkup(field)).toContain('<option value="2" selected="">02:00</option>');
  });
});
