// One attempt to deliver a launch's audience or a report (GET .../deliveries), re-exported by types.ts.
export interface Delivery {
  deliveryId: string;
  channel: 'webhook' | 'email';
  target: string;
  attempt: number;
  startedAt: string;
  durationMs: number;
  status: 'ok' | 'failed';
  httpStatus: number;
  error: string;
}
