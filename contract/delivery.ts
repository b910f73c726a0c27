// Wire shapes of delivery attempts, shared by the report runs and the launches that list them.

export type DeliveryChannel = 'webhook' | 'email';

/** One attempt to deliver a report or a launch's audience to one recipient. */
export interface Delivery {
  deliveryId: string;
  channel: DeliveryChannel;
  target: string;
  attempt: number;
  startedAt: string;
  durationMs: number;
  status: 'ok' | 'failed';
  httpStatus: number;
  error: string;
}

/** GET .../deliveries: every attempt, oldest first. */
export interface Deliveries {
  deliveries: Delivery[];
}
