/**
 * Collects what is added under one key during one event-loop turn and hands it over as one batch when the turn ends
 * (setImmediate), or earlier when the batch reaches its item or byte limit. A lone item waits for nothing but the end
 * of its turn. Used for the messages that leave a process in bursts: batched RPC calls (RpcClient) and pushes
 * (publishPush), so that N messages of one moment cost one NATS message.
 */
export class TurnBatches<Item> {
  private readonly forming = new Map<string, { items: Item[]; bytes: number }>();

  constructor(
    private readonly limits: { maxItems: number; maxBytes: number },
    /** Called once per batch, with its items in the order they were added. */
    private readonly flush: (key: string, items: Item[]) => void,
  ) {}

  add(key: string, item: Item, bytes: number): void {
    let batch = this.forming.get(key);
    if (batch && (batch.items.length >= this.limits.maxItems || batch.bytes + bytes > this.limits.maxBytes)) {
      this.forming.delete(key);
      this.flush(key, batch.items);
      batch = undefined;
    }
    if (!batch) {
      const created = { items: [] as Item[], bytes: 0 };
      this.forming.set(key, created);
      setImmediate(() => {
        // A batch that filled up was handed over already, and a newer one forms under the key.
        if (this.forming.get(key) !== created) return;
        this.forming.delete(key);
        this.flush(key, created.items);
      });
      batch = created;
    }
    batch.items.push(item);
    batch.bytes += bytes;
  }
}
