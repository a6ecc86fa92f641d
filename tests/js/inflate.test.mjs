// The inflate of browsers without DecompressionStream (the vendored
// tiny-inflate behind search-store.js's inflateByHand) gives the bytes
// zlib gives, for text, binary noise, and data so repetitive that its
// first guess of the output's size is too small.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';

import { inflate, inflateByHand } from '../../themes/default/static/search-store.js';

test('inflating by hand gives what zlib deflated, whatever the ratio', async () => {
  let seed = 1;
  const noise = Uint8Array.from({ length: 70000 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
  const text = new TextEncoder().encode('工会驿站二十家，职工之家，产改。'.repeat(500) + 'APP 12351');
  const cases = { empty: new Uint8Array(0), noise, text, zeros: new Uint8Array(1 << 20) };
  for (const [name, raw] of Object.entries(cases)) {
    for (const level of [1, 9]) {
      const packed = deflateSync(raw, { level });
      const got = await inflateByHand(packed);
      assert.deepEqual(got, raw, `${name} at level ${level}`);
      assert.deepEqual(await inflate(packed), raw, `${name} at level ${level}, natively`);
    }
  }
  // A megabyte of zeros deflates ~1000:1, far past the first guess.
  assert.ok(deflateSync(cases.zeros).length * 8 + 1024 < cases.zeros.length);
});
