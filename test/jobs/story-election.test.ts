// The story assigner's election on PostgreSQL: one worker at a time holds the lock; the
// others ask again on one session of their own (not a new connection per try), and one of
// them takes over when the holder lets go.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { StoryAssigner } from '../../src/jobs/index.ts';
import { createLogger } from '../../src/log.ts';
import { backends } from '../store/helpers.ts';

const pgBackend = backends.find((b) => b.name === 'postgres')!;
const quiet = createLogger({ level: 'silent' });

describe('story assigner election on postgres', { skip: pgBackend.skip }, () => {
  it('elects one worker; the other keeps one session while it waits, and takes over', async () => {
    const url = await pgBackend.newUrl();
    const store = await pgBackend.open(url);
    const sessions = async () =>
      Number((await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database()`.execute(store.db)).rows[0]!.n);
    const a = new StoryAssigner(store, quiet, url);
    const b = new StoryAssigner(store, quiet, url);
    try {
      assert.equal(await a.elected(), true);
      const before = await sessions();
      for (let i = 0; i < 5; i++) assert.equal(await b.elected(), false, 'the lock is taken');
      assert.equal(await sessions(), before + 1, 'five tries, one waiting session');
      await a.close();
      assert.equal(await b.elected(), true, 'the waiting worker takes over');
      assert.equal(await sessions(), before, 'on the session it waited on');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
