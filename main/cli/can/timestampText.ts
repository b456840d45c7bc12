// A candump timestamp's JSON text taken straight from the log's digits, when that is provably what JavaScript would print for it.

/**
 * Fraction digits a timestamp whose integer part lies in [2^e, 2^(e+1)) may carry and still be printed as written:
 * twice its double's spacing (2^(e−52)) stays below one unit of the last digit, so no other decimal as short rounds to it.
 */
const MAX_FRACTION_DIGITS = Array.from({ length: 32 }, (_, e) => Math.ceil((51 - e) * Math.log10(2)) - 1);
/** Every decimal of this many significant digits or fewer round-trips through a double unchanged (DBL_DIG). */
const EXACT_DIGITS = 15;


/**
 * For the timestamp digits text[start, end) (`[0-9]*\.?[0-9]*`, as the candump reader accepts them), the span of
 * text that equals `String(Number(text.slice(start, end)))`, packed as `from * 256 + length`; -1 when that is not
 * certain (then format the number). Leading zeros of the integer part and trailing zeros of the fraction are left out.
 */
export function timestampSpan(text: string, start: number, end: number): number {
  let dot = end;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) === 46) {
      dot = i;
      break;
    }
  }
  if (dot === start) return -1;
  let from = start;
  while (from < dot - 1 && text.charCodeAt(from) === 48) from++;
  let to = end;
  while (to > dot + 1 && text.charCodeAt(to - 1) === 48) to--;
  if (to === dot + 1) to = dot;
  if (to - from > 255) return -1;
  const intDigits = dot - from;
  const fracDigits = to > dot ? to - dot - 1 : 0;
  const span = from * 256 + (to - from);
  if (intDigits === 1 && text.charCodeAt(from) === 48) {
    // 0.x: below 1e-6 JavaScript switches to an exponent.
    let zeros = 0;
    while (zeros < fracDigits && text.charCodeAt(dot + 1 + zeros) === 48) zeros++;
    return zeros <= 5 && fracDigits - zeros <= EXACT_DIGITS ? span : -1;
  }
  if (intDigits + fracDigits <= EXACT_DIGITS) return span;
  if (intDigits > 10) return -1;
  let intValue = 0;
  let zeros = true;
  for (let i = from; i < dot; i++) {
    const digit = text.charCodeAt(i) - 48;
    intValue = intValue * 10 + digit;
    if (i > from && digit !== 0) zeros = false;
  }
  // Just above a power of ten a shorter decimal of the lower decade could round to the same double.
  if (intValue >= 4294967296 || (zeros && text.charCodeAt(from) === 49)) return -1;
  return fracDigits <= MAX_FRACTION_DIGITS[31 - Math.clz32(intValue)] ? span : -1;
}
