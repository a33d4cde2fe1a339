/**
 * A Set that forgets its oldest entries past `max` (insertion order): per-client memory such as the
 * RFC 5080 "auto" Message-Authenticator table must not grow with every source address a hostile
 * sender can spoof inside a device's CIDR.
 */
export class BoundedSet<T> extends Set<T> {
  constructor(private readonly max: number) {
    super();
  }

  override add(value: T): this {
    if (!this.has(value) && this.size >= this.max) this.delete(this.values().next().value as T);
    return super.add(value);
  }
}
