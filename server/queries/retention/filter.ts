/** The parameters every cohort query takes. */
export interface CohortFilter {
  from: string;
  to: string;
  server: string;
  platform: string;
  channel: string;
  /** toStartOfWeek mode: 1 = Monday, 0 = Sunday. */
  wmode: 0 | 1;
}
