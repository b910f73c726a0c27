/** The parameters of the Audit page's filters; '' leaves a filter out. */
export interface AuditFilterParams {
  user: string;
  /** An exact action, or a prefix ending in a dot. */
  action: string;
  /** [fromAt, toAt): UTC instants as 'YYYY-MM-DD hh:mm:ss'. */
  fromAt: string;
  toAt: string;
}

/** The WHERE condition of the filters, shared by the page, its count and the CSV export. */
export const AUDIT_FILTER_SQL = `({user:String} = '' OR actor = {user:String})
  AND ({action:String} = '' OR action = {action:String} OR (endsWith({action:String}, '.') AND startsWith(action, {action:String})))
  AND at >= toDateTime64({fromAt:String}, 3, 'UTC') AND at < toDateTime64({toAt:String}, 3, 'UTC')`;
