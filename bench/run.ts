// `npm run bench`: every benchmark of the project, printed with the command that produced it.
// Run one with `npm run bench -- nlu` (names: widget, anonymizer, nlu, http, handover).
import { runNluBench } from './nlu.bench.ts';
import { runAnonymizerBench } from './anonymizer.bench.ts';
import { runHttpLoadBench } from './http-load.bench.ts';
import { runWidgetSizeBench } from './widget-size.bench.ts';
import { runHandoverBench } from './handover.bench.ts';

const benches: Record<string, () => Promise<void>> = {
  widget: runWidgetSizeBench,
  anonymizer: runAnonymizerBench,
  nlu: runNluBench,
  http: runHttpLoadBench,
  handover: runHandoverBench,
};

const chosen = process.argv.slice(2);
for (const name of chosen.length > 0 ? chosen : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown bench "${name}"; choose from ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n# bench: ${name} (npm run bench -- ${name})`);
  await bench();
}
