export interface Deadline {
  readonly at: number;
  readonly expire: () => void;
}

export interface Deadlines {
  /** Calls `expire` once `ms` have passed, unless the deadline is cancelled first. */
  add(ms: number, expire: () => void): Deadline;
  cancel(deadline: Deadline): void;
}

/**
 * Deadlines watched by one timer, armed for the earliest of them. On Node 20 a timer per request costs more than
 * openapi-fetch's whole call (undici shares timers for the same reason). While no deadline is pending the timer is
 * unref'd (or stopped, where timers cannot be unref'd), so that it never keeps a process alive.
 */
export function createDeadlines(): Deadlines {
  const pending = new Set<Deadline>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Number.POSITIVE_INFINITY;

  const arm = (at: number) => {
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(sweep, Math.max(0, at - performance.now()));
  };
  const sweep = () => {
    timer = undefined;
    timerAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    for (const deadline of pending) {
      if (deadline.at <= now) {
        pending.delete(deadline);
        deadline.expire();
      } else {
        next = Math.min(next, deadline.at);
      }
    }
    if (pending.size > 0) {
      arm(next);
    }
  };
  const keepAlive = (alive: boolean) => {
    const handle = timer as { ref?: () => void; unref?: () => void } | undefined;
    if (alive) {
      handle?.ref?.();
    } else if (handle?.unref) {
      handle.unref();
    } else {
      // Browsers' and Deno's timers are numbers that cannot be unref'd: stop the timer instead, so that it never
      // keeps a Deno process alive.
      clearTimeout(timer);
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
    }
  };

  return {
    add(ms, expire) {
      const deadline = { at: performance.now() + ms, expire };
      pending.add(deadline);
      if (deadline.at < timerAt) {
        arm(deadline.at);
      } else if (pending.size === 1) {
        keepAlive(true);
      }
      return deadline;
    },
    cancel(deadline) {
      if (pending.delete(deadline) && pending.size === 0) {
        keepAlive(false);
      }
    },
  };
}
