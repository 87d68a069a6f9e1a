// Local ingestion sink for the benchmark: reads each body fully and answers 200 at once.
// Runs in its own process so its CPU is not charged to the SDK under test.
import { createServer } from "node:http";

const server = createServer((req, res) => {
  let bytes = 0;
  req.on("data", (c) => (bytes += c.length));
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"status":1}');
  });
});
server.listen(0, "127.0.0.1", () => process.send({ url: `http://127.0.0.1:${server.address().port}` }));
process.on("message", (m) => m === "stop" && process.exit(0));
