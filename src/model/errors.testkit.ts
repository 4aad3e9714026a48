/** Test helpers for the error catalogue: get the MarsadError a call raises, to assert on its code and message. */
import assert from 'node:assert/strict';
import { MarsadError } from './errors.js';

/** The MarsadError a synchronous call throws; fails the test when it throws nothing or something else. */
export function thrownError(fn: () => unknown): MarsadError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof MarsadError, `expected a MarsadError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an error');
}

/** The MarsadError a promise rejects with; fails the test when it resolves or rejects with something else. */
export async function rejectedError(promise: Promise<unknown>): Promise<MarsadError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof MarsadError, `expected a MarsadError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}
