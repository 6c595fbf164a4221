import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer built as a plain web app for browser mode (development and the
 * Playwright tests). The Electron build of the same code is in electron.vite.config.ts.
 */
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist-web',
    emptyOutDir: true,
    sourcemap: true,
    // A desktop app loads its bundle from disk: one chunk is simpler and fast enough.
    chunkSizeWarningLimit: 1200,
    // Two pages: the console, and the voice host that runs the Twilio Device.
    rolldownOptions: { input: { index: 'src/renderer/index.html', 'voice-host': 'src/renderer/voice-host.html' } },
  },
});
