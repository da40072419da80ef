// After a burst of bad fetches (bomb, trickle, silence, loop, endless body, abort) the
// process stays healthy: every promise settles with the expected FetchError, nothing is
// left unhandled, and no socket or timer keeps the process alive once the work is done.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./fixtures/health-run.ts', import.meta.url));

test('bad fetches leave the process healthy: all settle, none unhandled, the process exits by itself', async () => {
  const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    // The generous kill timeout only catches a hang (a leaked socket or timer); it is not a speed bar.
    execFile(process.execPath, ['--import', 'tsx', SCRIPT], { timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: unknown }).code as number | null) : 0;
      resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
    });
  });
  assert.equal(run.code, 0, `exit code; stderr:\n${run.stderr}`);
  const { outcomes, unhandled } = JSON.parse(run.stdout) as { outcomes: string[]; unhandled: number };
  assert.deepEqual(outcomes, ['too-large', 'timeout', 'timeout', 'redirect-loop', 'too-large', 'aborted', '200']);
  assert.equal(unhandled, 0);
});
