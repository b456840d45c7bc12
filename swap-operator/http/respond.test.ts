// Request-body helpers: the hash key of a request does not depend on key order, and validation names JSON paths.
import { describe, expect, it } from 'vitest';
import { createBookingRequestSchema } from '../../shared/swap/protocol';
import { ApiError, canonicalJson, validate } from './respond';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined, so equal requests hash equal', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"e":2,"f":1}]},"b":1}');
    expect(canonicalJson({ station_id: 's', vehicle_id: 'v' })).toBe(canonicalJson({ vehicle_id: 'v', station_id: 's' }));
    expect(canonicalJson({ eta_minutes: 12 })).not.toBe(canonicalJson({ eta_minutes: 12.5 }));
  });
});

describe('validate', () => {
  it('throws INVALID_REQUEST listing each problem by JSON path', () => {
    try {
      validate(createBookingRequestSchema, { station_id: 's', pack_standard: 'gbt', vehicle_id: 'v\u0007', extra: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      const e = error as ApiError;
      expect(e).toMatchObject({ code: 'INVALID_REQUEST', status: 400 });
      expect(e.extra.issues?.map((i) => i.path).sort()).toEqual(['$.extra', '$.pack_standard', '$.vehicle_id']);
    }
  });
});
