import type { AgentBridge } from '../shared/api/table';

/**
 * `window.agent`, exposed by the preload (src/preload/index.ts) in Electron. Optional
 * because in browser mode there is no preload and the renderer falls back to its
 * WebSocket bridge. The renderer may include this file (tsconfig.web.json "include", or
 * `/// <reference path="../../preload/agent.d.ts" />`) instead of declaring it itself;
 * both declarations can coexist as long as both say `agent?: AgentBridge`.
 */
declare global {
  interface Window {
    agent?: AgentBridge;
  }
}

export {};
