// The console's build. Output goes into the Python package (src/flowline/console/dist)
// so `flowline serve` and the wheel never need Node; CONSOLE_OUT_DIR builds elsewhere
// (the check in `make test` rebuilds into a temporary folder and compares).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const outDir = resolve(process.env.CONSOLE_OUT_DIR ?? "../src/flowline/console/dist");
const API = process.env.FLOWLINE_URL ?? "http://127.0.0.1:8420";

// Pre-compressed copies beside every text asset, so the server sends them as they are
// (no compression work per request). Node's gzip writes no time stamp and brotli none
// at all, so two builds stay byte-identical.
function precompress(): Plugin {
  const compressible = /\.(js|css|html|svg|json)$/;
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return {
    name: "flowline-precompress",
    apply: "build",
    closeBundle() {
      for (const path of walk(outDir)) {
        // index.html gets a nonce per answer, so it is sent as it is (and it is small).
        if (!compressible.test(path) || path.endsWith("index.html")) continue;
        const raw = readFileSync(path);
        if (raw.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(raw, { level: 9 }));
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      "/api": { target: API, ws: true, changeOrigin: false },
    },
  },
});
