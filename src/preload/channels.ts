// IPC channel names shared by the preload and src/main/ipc.ts. No imports: the preload bundle
// must stay free of anything but 'electron'.
export const CHANNEL_PREFIX = 'aaa-lab:';
export const procedureChannel = (name: string): string => `${CHANNEL_PREFIX}${name}`;
export const EVENT_CHANNEL = `${CHANNEL_PREFIX}event`;
