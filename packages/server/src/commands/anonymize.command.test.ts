import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runAnonymize } from './anonymize.command.ts';

async function run(args: string[], input: string): Promise<{ code: number; out: string[]; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: string[] = [];
  const errChunks: string[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  stderr.on('data', (c: Buffer) => errChunks.push(c.toString('utf8')));
  const code = await runAnonymize(args, { stdin: Readable.from([input]), stdout, stderr });
  return { code, out: chunks.join('').split('\n').filter(Boolean), err: errChunks.join('') };
}

describe('kommunechat anonymize', () => {
  it('masks each JSONL line with spans into the input text', async () => {
    const input = ['{"text":"Jeg heter Kari Nordmann","lang":"nb"}', '{"text":"ring 912 34 567"}'].join('\n');
    const { code, out, err } = await run([], `${input}\n`);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out.map((l) => JSON.parse(l))).toEqual([
      { text: 'Jeg heter [navn]', spans: [{ start: 10, end: 23, category: 'name' }] },
      { text: 'ring [number]', spans: [{ start: 5, end: 15, category: 'number' }] },
    ]);
  });

  it('uses --lang when a line has no lang, and the line lang over it', async () => {
    const { out } = await run(
      ['--lang', 'sv'],
      '{"text":"Jag har diabetes"}\n{"text":"I have diabetes","lang":"en"}\n',
    );
    expect(out.map((l) => JSON.parse(l).text)).toEqual(['Jag har [hälsa]', 'I have [health]']);
  });

  it('reports bad lines by number without their text, keeps going, and exits 2', async () => {
    const input = [
      '{"text":"ok 91234567"}',
      'not json Kari',
      '{"text":42}',
      '{"text":"x","lang":"de"}',
      '{"text":"also ok"}',
    ].join('\n');
    const { code, out, err } = await run([], input);
    expect(code).toBe(2);
    expect(out).toHaveLength(5);
    expect(JSON.parse(out[0]!).text).toBe('ok [number]');
    expect(JSON.parse(out[4]!).text).toBe('also ok');
    expect(err).toMatch(/line 2: not valid JSON/);
    expect(err).toMatch(/line 3: "text" must be a string/);
    expect(err).toMatch(/line 4: "lang" must be one of/);
    expect(err).not.toContain('Kari');
  });

  it('rejects an unknown --lang', async () => {
    const { code, err } = await run(['--lang', 'de'], '');
    expect(code).toBe(2);
    expect(err).toMatch(/--lang must be one of/);
  });
});
