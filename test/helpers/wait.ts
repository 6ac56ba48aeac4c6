// Waiting for what a test expects, never for a fixed time: an event, a state, or a
// condition polled on a short interval, each with a deadline that fails the test
// with what it was waiting for (a test never hangs).

/** Resolves with the first value `matches` accepts from `subscribe`; rejects after `timeoutMs`. */
export function waitForEvent<T>(
  subscribe: (listener: (value: T) => void) => { dispose(): void },
  matches: (value: T) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const sub = subscribe((v) => {
      if (!matches(v)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(v);
    });
  });
}

/** Polls `check` until it returns a value other than undefined/false; rejects after `timeoutMs`. */
export async function waitUntil<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
