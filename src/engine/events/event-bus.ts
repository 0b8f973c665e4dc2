import { type EventMessage, type EventsQuery, eventMatchesFilters } from "../../api/index.js";
import type { Clock } from "../../shared/ports.js";
import { AsyncQueue } from "../util/async-queue.js";

/** What an event is about. */
export interface EventInput {
  type: EventMessage["Type"];
  action: string;
  id: string;
  attributes: Record<string, string>;
}

/** Events: a ring buffer of the recent past plus live subscribers (GET /events). */
export class EventBus {
  private readonly past: EventMessage[] = [];
  private readonly live = new Set<AsyncQueue<EventMessage>>();

  constructor(
    private readonly clock: Clock,
    private readonly capacity = 1024,
  ) {}

  /** Number of live subscribers (`NEventsListener` of /info). */
  get listeners(): number {
    return this.live.size;
  }

  /** Records an event in Docker's shape and hands it to every live subscriber. */
  emit(input: EventInput): EventMessage {
    const ms = this.clock.now();
    const attributes = Object.fromEntries(
      Object.entries(input.attributes).sort(([a], [b]) => a.localeCompare(b)),
    );
    const event: EventMessage = {
      Type: input.type,
      Action: input.action,
      Actor: { ID: input.id, Attributes: attributes },
      scope: "local",
      time: Math.floor(ms / 1000),
      timeNano: Math.round(ms * 1_000_000),
      ...(input.type === "container"
        ? { status: input.action, id: input.id, from: attributes.image ?? "" }
        : {}),
    };
    this.past.push(event);
    if (this.past.length > this.capacity) this.past.shift();
    for (const queue of this.live) queue.push(event);
    return event;
  }

  /** Events already recorded (oldest first). */
  history(): readonly EventMessage[] {
    return this.past;
  }

  /**
   * Past events in [since, until] (seconds), then — without `until`, or until it passes — live ones,
   * until `signal` aborts.
   */
  async *subscribe(query: EventsQuery, signal: AbortSignal): AsyncGenerator<EventMessage> {
    const inWindow = (event: EventMessage): boolean => {
      const seconds = event.timeNano / 1e9;
      if (query.since !== undefined && seconds < query.since) return false;
      if (query.until !== undefined && seconds > query.until) return false;
      return eventMatchesFilters(event, query.filters);
    };
    const queue = new AsyncQueue<EventMessage>();
    const nowSeconds = this.clock.now() / 1000;
    const liveWanted = query.until === undefined || query.until > nowSeconds;
    if (liveWanted) this.live.add(queue);
    const backlog = query.since === undefined && query.until === undefined ? [] : this.past.filter(inWindow);
    const stop = () => queue.end();
    signal.addEventListener("abort", stop, { once: true });
    const timer = new AbortController();
    if (liveWanted && query.until !== undefined) {
      this.clock.sleep((query.until - nowSeconds) * 1000, timer.signal).then(stop, () => undefined);
    }
    try {
      for (const event of backlog) yield event;
      if (!liveWanted || signal.aborted) return;
      for await (const event of queue) {
        if (query.until !== undefined && event.timeNano / 1e9 > query.until) return;
        if (inWindow(event)) yield event;
      }
    } finally {
      timer.abort();
      signal.removeEventListener("abort", stop);
      this.live.delete(queue);
    }
  }
}
