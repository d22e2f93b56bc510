/**
 * npm run sample [-- --orders 20000 --out data/sample --seed 20261123 --plain]
 * Writes the seeded sample company. `--size 1m` (or --orders 1000000) writes a large plain set
 * for benchmarks into data/large unless --out says otherwise.
 */
import { parseArgs } from 'node:util';
import { generate, SAMPLE_SIZES } from '../src/sample/generate.ts';
import { messyFiles, plainFiles } from '../src/sample/files.ts';
import { writeSample } from '../src/sample/write.ts';
import { runMain, stderrLogger } from '../src/lib/cli.ts';


runMain(async () => {
  const { values } = parseArgs({
    options: { orders: { type: 'string' }, size: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string', default: '20261123' }, plain: { type: 'boolean' } },
  });
  const orders = values.size ? SAMPLE_SIZES[values.size.toLowerCase()] : Number(values.orders ?? 20_000);
  if (!orders || !Number.isInteger(orders) || orders < 100) throw new Error(`--orders/--size: expected a count ≥ 100 or one of ${Object.keys(SAMPLE_SIZES).join(', ')}`);
  const large = orders > 20_000;
  const out = values.out ?? (large ? 'data/large' : 'data/sample');
  const t0 = performance.now();
  const data = generate({ orders, seed: Number(values.seed) });
  stderrLogger.info(`generated ${Object.entries(data).map(([k, v]) => `${v.length} ${k}`).join(', ')}`);
  await writeSample(out, values.plain || large ? plainFiles(data) : messyFiles(data));
  stderrLogger.info(`wrote ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}, () => true);
