import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { buildContentSecurityPolicy } from './src/main/shell/csp';

/**
 * Three builds (electron-vite's layout):
 *   main      src/main/index.ts      → out/main/index.js   (ESM; package.json is "type": "module")
 *   preload   src/preload/index.ts   → out/preload/index.cjs (one CommonJS file, see below)
 *   renderer  src/renderer/index.html → out/renderer/       (served on app://switchboard/)
 */

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

/**
 * Writes the app's CSP (src/main/shell/csp.ts, the same builder the shell's response
 * header uses) into index.html's <meta http-equiv="Content-Security-Policy">, replacing
 * whatever the file holds. In `electron-vite dev` that is the dev variant, which allows
 * the React fast-refresh preamble; a strict hand-written tag would blank the dev window.
 */
function contentSecurityPolicyMeta(): Plugin {
  let dev = false;
  const existing = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>\s*/i;
  return {
    name: 'switchboard:csp-meta',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    transformIndexHtml(html, context) {
      // The voice host may also reach exactly Twilio's signaling and Insights hosts.
      const voiceHost = context.filename.endsWith('voice-host.html');
      return {
        html: html.replace(existing, ''),
        tags: [
          {
            tag: 'meta',
            attrs: {
              'http-equiv': 'Content-Security-Policy',
              content: buildContentSecurityPolicy({ dev, forMetaTag: true, voiceHost }),
            },
            injectTo: 'head-prepend',
          },
        ],
      };
    },
  };
}

export default defineConfig({
  main: {
    build: {
      // Dependencies stay external (electron-vite's default, externalizeDeps): better-sqlite3
      // is a native module loaded from node_modules at run time, rebuilt for Electron's ABI
      // by electron-builder when packaging.
      // pull-worker: the directory download's worker thread (src/main/core/sync/pull-in-worker.ts),
      // loaded by path from beside index.js.
      rolldownOptions: {
        input: { index: here('./src/main/index.ts'), 'pull-worker': here('./src/main/core/sync/pull-worker.ts') },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload (sandbox: true) can be neither ESM nor require() anything but
      // 'electron' and a few built-ins. So: CommonJS, and every dependency (the shared API
      // table, zod) bundled into this one file.
      externalizeDeps: false,
      rolldownOptions: {
        // index: the console's window.agent; voice: the voice host's window.voiceBridge only.
        input: { index: here('./src/preload/index.ts'), voice: here('./src/preload/voice.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('./src/renderer'),
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      rolldownOptions: {
        input: { index: here('./src/renderer/index.html'), 'voice-host': here('./src/renderer/voice-host.html') },
      },
      chunkSizeWarningLimit: 1200,
    },
  },
});
