// What a log tail remembers of the lines it showed, to skip a new session's replay: a
// 64-bit hash of each (the first 8 bytes of its SHA-1), never its text. Lines run up to
// 64K characters, so 1,500 of them held as text cost ~100 MB; as hashes, a few dozen KB.
// A collision would skip one unseen line during a replay only: at 64 bits, never in practice.
import { createHash } from 'node:crypto';

const hashOf = (line: string): bigint => createHash('sha1').update(line).digest().readBigUInt64BE(0);

/** The last `size` lines' hashes, as a multiset: `has` in O(1), oldest forgotten first. */
export class ReplayMemory {
  /** A ring of the last `size` hashes, in the order they were added. */
  private readonly ring: bigint[] = [];
  private next = 0;
  private readonly counts = new Map<bigint, number>();

  constructor(private readonly size: number) {}

  has(line: string): boolean {
    return this.counts.has(hashOf(line));
  }

  add(line: string): void {
    if (this.size < 1) return;
    const hash = hashOf(line);
    this.counts.set(hash, (this.counts.get(hash) ?? 0) + 1);
    if (this.ring.length < this.size) return void this.ring.push(hash);
    const old = this.ring[this.next] as bigint;
    this.ring[this.next] = hash;
    this.next = (this.next + 1) % this.size;
    const n = (this.counts.get(old) ?? 1) - 1;
    if (n) this.counts.set(old, n);
    else this.counts.delete(old);
  }
}
