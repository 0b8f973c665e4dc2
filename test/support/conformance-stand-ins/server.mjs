// Stand-in for the compose-spec conformance helper image `composespec/conformance-tests-server`:
// HTTP on 8080 (ping another address, read a file, a registry of clients) and a UDP echo on 10001.
// It runs inside a berth container on the host's node binary (see ../node-stand-in-image.ts).
import { createSocket } from "node:dgram";
import { readFileSync } from "node:fs";
import { createServer, request } from "node:http";

const clients = new Set();

function ping(address) {
  return new Promise((resolve) => {
    const req = request(`http://${address}/health`, { timeout: 3000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(`ok ${res.statusCode}`));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error) => resolve(`failed ${error.code ?? error.message}`));
    req.end();
  });
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  const reply = (status, text) => {
    res.writeHead(status, { "content-type": "text/plain" });
    res.end(text);
  };
  if (url.pathname === "/health") return reply(200, "healthy");
  if (url.pathname === "/ping") {
    const answer = await ping(url.searchParams.get("address") ?? "");
    return reply(answer.startsWith("ok") ? 200 : 502, answer);
  }
  if (url.pathname === "/read") {
    try {
      return reply(200, readFileSync(url.searchParams.get("path") ?? "", "utf8"));
    } catch (error) {
      return reply(404, String(error));
    }
  }
  if (url.pathname === "/register") {
    clients.add(url.searchParams.get("name") ?? "");
    return reply(200, "registered");
  }
  if (url.pathname === "/clients") return reply(200, JSON.stringify([...clients].sort()));
  return reply(404, "not found");
}).listen(8080);

const udp = createSocket("udp4");
udp.on("message", (message, peer) =>
  udp.send(Buffer.concat([Buffer.from("echo:"), message]), peer.port, peer.address),
);
udp.bind(10001);
