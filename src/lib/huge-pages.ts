/**
 * Imported first by the CLI entry points that move a lot of data (ingest, benchmarks): on
 * Linux it runs the script again, once, with glibc's malloc on transparent huge pages
 * (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`) and exits with its status. The bulk ingest of 1M
 * orders fills ~600 MB of fresh memory; on 4 KB pages that is ~160k page faults, about a fifth
 * of its CPU time on a small VM, and huge pages cut it by ~10% (measured; README, Scaling).
 * glibc reads the variable only at process start, hence the relaunch. It changes nothing where
 * the kernel has huge pages off or the C library is not glibc; setting GLIBC_TUNABLES yourself
 * (to anything, even empty) skips the relaunch.
 */
import { spawnSync } from 'node:child_process';

if (process.platform === 'linux' && process.env.GLIBC_TUNABLES === undefined) {
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit', env: { ...process.env, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' },
  });
  if (child.error) throw child.error;
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}
