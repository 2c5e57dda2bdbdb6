import { HANDOVER_LIMITS, VisitorFrameSchema } from '@kommunechat/protocol';
import { describe, expect, it } from 'vitest';
import { FrameLimiter, frameParser, isSameOrigin } from './websocket.plugin.ts';

describe('websocket frames', () => {
  const parse = frameParser(VisitorFrameSchema);

  it('accepts valid frames and refuses malformed ones without throwing', () => {
    expect(parse(Buffer.from('{"type":"typing"}'), false)).toEqual({ type: 'typing' });
    expect(parse(Buffer.from('{"type":"message","clientMessageId":"a1","text":"hei"}'), false)).toMatchObject({
      text: 'hei',
    });
    for (const bad of [
      '{',
      'null',
      '[]',
      '{"type":"nope"}',
      '{"type":"typing","x":1}',
      '{"type":"message","clientMessageId":"a b","text":"hei"}',
      '{"type":"message","clientMessageId":"a","text":""}',
    ]) {
      expect(parse(Buffer.from(bad), false)).toBeUndefined();
    }
    expect(parse(Buffer.from('{"type":"typing"}'), true)).toBeUndefined();
  });

  it('limits frames per window and closes floods', () => {
    let now = 0;
    const limiter = new FrameLimiter(HANDOVER_LIMITS.framesPerWindow, () => now);
    const verdicts = Array.from({ length: HANDOVER_LIMITS.framesPerWindow + HANDOVER_LIMITS.floodCloseAfter + 1 }, () =>
      limiter.take(),
    );
    expect(verdicts.slice(0, HANDOVER_LIMITS.framesPerWindow).every((v) => v === 'ok')).toBe(true);
    expect(verdicts[HANDOVER_LIMITS.framesPerWindow]).toBe('refuse');
    expect(verdicts.at(-1)).toBe('close');
    now += HANDOVER_LIMITS.windowMs;
    expect(limiter.take()).toBe('ok');
  });

  it('knows its own origin', () => {
    expect(isSameOrigin('http://127.0.0.1:8080', { protocol: 'http', host: '127.0.0.1:8080' })).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:8081', { protocol: 'http', host: '127.0.0.1:8080' })).toBe(false);
    expect(isSameOrigin(undefined, { protocol: 'http', host: '127.0.0.1:8080' })).toBe(false);
  });
});
