export * from './envelope';
export * from './schemas';
export * from './trace';
export * from './observability';
export * from './procedures';
export * from './events';
export * from './api';
export * from './dispatch';
