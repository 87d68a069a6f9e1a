import { describe, expect, it } from "vitest";
import { matchModelOptions } from "@/components/dashboard/model-match";

const option = (provider: string, model: string) => ({ provider, model, input: "1", output: "2" });
const options = [
  option("openai", "ft:gpt-4o-mini-2024-07-18"),
  option("openai", "gpt-4o"),
  option("openai", "gpt-4o-mini"),
  option("openai", "gpt-4o-mini-2024-07-18"),
  option("azure", "gpt-4o-mini"),
];

describe("matchModelOptions", () => {
  it("puts the exact name first, then names starting with it, then names containing it", () => {
    expect(matchModelOptions(options, "gpt-4o-mini").map((item) => `${item.provider}/${item.model}`)).toEqual([
      "openai/gpt-4o-mini",
      "azure/gpt-4o-mini",
      "openai/gpt-4o-mini-2024-07-18",
      "openai/ft:gpt-4o-mini-2024-07-18",
    ]);
  });

  it("matches a provider-qualified name exactly, ignores case and leaves out the current model", () => {
    expect(matchModelOptions(options, "Azure/GPT-4o-mini")[0]).toEqual(option("azure", "gpt-4o-mini"));
    expect(matchModelOptions(options, "gpt-4o", "gpt-4o").map((item) => item.model)).not.toContain("gpt-4o");
    expect(matchModelOptions(options, "claude")).toEqual([]);
    expect(matchModelOptions(options, "")).toHaveLength(5);
  });
});
