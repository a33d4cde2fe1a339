/// <reference types="vite/client" />
// `window.aaaLab` (the Electron preload's bridge) is declared in src/preload/api.d.ts.
export {};
