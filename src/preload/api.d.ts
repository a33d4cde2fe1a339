import type { LabBridge } from '../contract/bridge';

declare global {
  interface Window {
    /**
     * Present only inside the Electron app (src/preload/index.ts). Wrap it with `fromBridge` from
     * src/contract/from-bridge.ts to get a LabApi; in a browser use the HTTP/WebSocket client.
     */
    readonly aaaLab?: LabBridge;
  }
}

export {};
