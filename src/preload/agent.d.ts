import type { AgentBridge } from '../shared/api/table';

/**
 * `window.agent`, exposed by the preload (src/preload/index.ts) in Electron and set by
 * the WebSocket client in browser mode. Include this file in the renderer's tsconfig
 * (tsconfig.web.json "include") or reference it from the renderer's env.d.ts with
 * `/// <reference path="../../preload/agent.d.ts" />`.
 */
declare global {
  interface Window {
    agent: AgentBridge;
  }
}

export {};
