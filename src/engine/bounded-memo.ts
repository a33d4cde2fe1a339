// radius/codec/message.ts still imports BoundedMemo from here; the codec's rewrite moves it to
// './bounded' and this file goes.
export { BoundedMemo } from './bounded';
