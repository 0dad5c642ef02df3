/**
 * The simulation's agenda: actions ordered by simulated time, ties broken by the order they
 * were scheduled (a binary min-heap on `(at, seq)`), so that a run is fully deterministic.
 */
export interface ScheduledAction {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void;
}

export interface ActionQueue {
  push(at: number, run: () => void): void;
  pop(): ScheduledAction | undefined;
  peekTime(): number | undefined;
  readonly size: number;
}

const before = (a: ScheduledAction, b: ScheduledAction): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export const createActionQueue = (): ActionQueue => {
  const heap: ScheduledAction[] = [];
  let seq = 0;
  const swap = (i: number, j: number): void => {
    const t = heap[i] as ScheduledAction;
    heap[i] = heap[j] as ScheduledAction;
    heap[j] = t;
  };
  return {
    push(at, run) {
      heap.push({ at, seq: seq++, run });
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!before(heap[i] as ScheduledAction, heap[parent] as ScheduledAction)) break;
        swap(i, parent);
        i = parent;
      }
    },
    pop() {
      const top = heap[0];
      if (top === undefined) return undefined;
      const last = heap.pop() as ScheduledAction;
      if (heap.length > 0) {
        heap[0] = last;
        let i = 0;
        for (;;) {
          const left = 2 * i + 1;
          const right = left + 1;
          let smallest = i;
          if (left < heap.length && before(heap[left] as ScheduledAction, heap[smallest] as ScheduledAction)) smallest = left;
          if (right < heap.length && before(heap[right] as ScheduledAction, heap[smallest] as ScheduledAction)) smallest = right;
          if (smallest === i) break;
          swap(i, smallest);
          i = smallest;
        }
      }
      return top;
    },
    peekTime: () => heap[0]?.at,
    get size() {
      return heap.length;
    },
  };
};
