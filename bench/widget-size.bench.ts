import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const WIDGET = fileURLToPath(new URL('../packages/widget/', import.meta.url));
const BUNDLE = `${WIDGET}dist/widget.js`;
/** The budget of issue 5: JS and CSS together, gzip. */
const BUDGET_BYTES = 30 * 1024;

/** Gzip sizes (JS + CSS) of other open-source chat widgets' embed bundles, as given in issue 5; nothing is downloaded. */
const PEERS: { name: string; kib: number }[] = [
  { name: 'rasa-webchat', kib: 206 },
  { name: 'Typebot embed', kib: 192 },
  { name: 'Botpress webchat', kib: 229 },
];

const print = (line: string) => process.stdout.write(`${line}\n`);

/** Builds the widget and prints its gzip size (its CSS is inlined in the JS bundle) beside its peers'. */
export async function runWidgetSizeBench(): Promise<void> {
  execFileSync(process.execPath, ['build.ts'], { cwd: WIDGET, stdio: 'inherit' });
  const raw = readFileSync(BUNDLE);
  const gzip = gzipSync(raw, { level: 9 }).length;
  const kib = gzip / 1024;
  print('\n$ widget size (packages/widget/dist/widget.js, CSS inlined; gzip -9)');
  print(
    `kommunechat widget: ${(raw.length / 1024).toFixed(1)} KiB raw, ${kib.toFixed(1)} KiB gzip (budget ${BUDGET_BYTES / 1024} KiB: ${gzip <= BUDGET_BYTES ? 'within' : 'OVER'})`,
  );
  for (const p of PEERS)
    print(`  ${p.name.padEnd(17)} ${String(p.kib).padStart(4)} KiB gzip  ${(p.kib / kib).toFixed(1)}× larger`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runWidgetSizeBench();
