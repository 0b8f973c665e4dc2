import { defineConfig } from "vitest/config";

// Test layers (see ../shared/STYLE.md): unit and component run everywhere; integration and e2e
// need root and real kernel objects, and run in the same command when the host allows it.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
