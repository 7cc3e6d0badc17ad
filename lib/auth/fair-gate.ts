// A bounded, fair queue in front of scarce work (password hashing): at most `concurrency` jobs run at once, each
// owner (a client address) runs at most `perOwner` of them and waits with at most `perOwnerWaiting` more, and a free
// slot goes to the waiting owner served longest ago. A flood from one address therefore holds one slot and a short
// queue of its own, and someone else's job starts at once or after at most one job per other waiting owner. A full
// queue refuses at once instead of growing.
import { RateLimitedError } from "@/lib/errors";

export interface FairGateLimits {
  concurrency: number;
  perOwner: number;
  perOwnerWaiting: number;
  /** Waiting jobs across all owners. */
  maxWaiting: number;
}

export class GateFullError extends RateLimitedError {
  constructor() {
    super("Too many attempts at once. Try again in a few seconds.", 2);
  }
}

export class FairGate {
  private runningTotal = 0;
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();
  private waitingTotal = 0;
  /** When each owner with work running or waiting last started a job; a newcomer has none and goes first. */
  private readonly lastStarted = new Map<string, number>();
  private starts = 0;

  constructor(private readonly limits: FairGateLimits) {}

  async run<T>(owner: string, work: () => Promise<T>): Promise<T> {
    await this.acquire(owner);
    try {
      return await work();
    } finally {
      this.release(owner);
    }
  }

  get stats() {
    return { running: this.runningTotal, waiting: this.waitingTotal };
  }

  private mayStart(owner: string) {
    return this.runningTotal < this.limits.concurrency && (this.running.get(owner) ?? 0) < this.limits.perOwner;
  }

  private start(owner: string) {
    this.runningTotal++;
    this.running.set(owner, (this.running.get(owner) ?? 0) + 1);
    this.lastStarted.set(owner, ++this.starts);
  }

  private acquire(owner: string): Promise<void> {
    // Nobody runnable is ever left waiting (dispatch sees to it), so starting at once jumps no queue.
    if (this.mayStart(owner)) {
      this.start(owner);
      return Promise.resolve();
    }
    const queue = this.waiting.get(owner) ?? [];
    if (queue.length >= this.limits.perOwnerWaiting || this.waitingTotal >= this.limits.maxWaiting) {
      return Promise.reject(new GateFullError());
    }
    return new Promise((resolve) => {
      queue.push(resolve);
      if (queue.length === 1) this.waiting.set(owner, queue);
      this.waitingTotal++;
    });
  }

  private release(owner: string) {
    this.runningTotal--;
    const left = (this.running.get(owner) ?? 1) - 1;
    if (left > 0) this.running.set(owner, left);
    else this.running.delete(owner);
    this.dispatch();
    if (!this.running.has(owner) && !this.waiting.has(owner)) this.lastStarted.delete(owner);
  }

  private dispatch() {
    while (this.runningTotal < this.limits.concurrency) {
      let next: string | undefined;
      for (const owner of this.waiting.keys()) {
        if (!this.mayStart(owner)) continue;
        if (next === undefined || (this.lastStarted.get(owner) ?? 0) < (this.lastStarted.get(next) ?? 0)) next = owner;
      }
      if (next === undefined) return;
      const queue = this.waiting.get(next)!;
      const resume = queue.shift()!;
      this.waitingTotal--;
      if (queue.length === 0) this.waiting.delete(next);
      this.start(next);
      resume();
    }
  }
}
