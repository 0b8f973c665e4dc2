// Stand-in for `composespec/conformance-tests-client`: registers its hostname with the `server` service
// every 500 ms (the server resolves by service name on the project's network).
import { request } from "node:http";
import { hostname } from "node:os";

function register() {
  const req = request(`http://server:8080/register?name=${encodeURIComponent(hostname())}`, {
    timeout: 2000,
  });
  req.on("response", (res) => res.resume());
  req.on("timeout", () => req.destroy());
  req.on("error", () => {});
  req.end();
}
register();
setInterval(register, 500);
