// Keys that come from data (a schema's field, a typed query or header name) are set as own
// properties: `o[key] = v` with the key `__proto__` changes the object's prototype instead,
// and the value is silently lost.

/** `o[key] = value`, as an own property whatever the key. */
export function setOwn<T>(o: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}
