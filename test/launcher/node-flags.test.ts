import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS, withServerFlags } from "@/lib/launcher/node-flags";

describe("the server's Node.js flags", () => {
  it("go ahead of the user's NODE_OPTIONS, so a flag the user sets wins", () => {
    expect(withServerFlags({}).NODE_OPTIONS).toBe(SERVER_NODE_FLAGS.join(" "));
    const env = withServerFlags({ NODE_OPTIONS: "--max-semi-space-size=8 --trace-warnings", HOME: "/h" });
    expect(env.NODE_OPTIONS).toBe(`${SERVER_NODE_FLAGS.join(" ")} --max-semi-space-size=8 --trace-warnings`);
    expect(env.HOME).toBe("/h");
  });

  it("are accepted by this Node.js in NODE_OPTIONS and take effect", () => {
    // 64 MB semi-spaces: the young generation (new space) can grow well past V8's 16 MB default.
    const newSpace = (env: NodeJS.ProcessEnv) =>
      Number(
        execFileSync(
          process.execPath,
          [
            "-e",
            "const v8 = require('node:v8'); const a = []; for (let i = 0; i < 3e6; i++) a.push({ i }); a.length = 0;" +
              "process.stdout.write(String(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size))",
          ],
          { env, encoding: "utf8" },
        ),
      );
    const plain = newSpace({ ...process.env, NODE_OPTIONS: "" });
    const tuned = newSpace(withServerFlags({ ...process.env, NODE_OPTIONS: "" }));
    expect(tuned).toBeGreaterThan(plain);
  });
});
