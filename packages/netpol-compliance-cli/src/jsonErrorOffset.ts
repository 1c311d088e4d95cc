/**
 * JSON.parse says that a text is not JSON, and on some Node versions not
 * where: this scanner finds the offset, only once parsing failed.
 */

/** Thrown by the scanner to stop at the first offending offset. */
class JsonStop {
  constructor(readonly offset: number) {}
}

/**
 * Where JSON.parse gave up: the offset of the first character that is not
 * valid JSON (the text's length when it ends too early). JSON.parse's own
 * messages carry no position on some Node versions, so the text is scanned
 * again, only when it failed.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const space = () => {
    while (
      i < text.length &&
      (text[i] === ' ' ||
        text[i] === '\t' ||
        text[i] === '\n' ||
        text[i] === '\r')
    )
      i++;
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail();
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (i < text.length && '"\\/bfnrt'.includes(text[i])) {
          i++;
        } else {
          fail();
        }
      } else if (c.charCodeAt(0) < 0x20) {
        fail();
      } else {
        i++;
      }
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '"') {
      string();
      return;
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    fail();
  };
  try {
    value();
    space();
    if (i < text.length) fail();
  } catch (error) {
    if (error instanceof JsonStop) return error.offset;
    return undefined; // nested too deep to scan: no position
  }
  return undefined;
}
