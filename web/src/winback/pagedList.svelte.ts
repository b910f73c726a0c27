// A list answered a page at a time (`total` rows in all): the first page follows the panel's parameters, "more" appends the next.
import { errorMessage } from '../lib/api.ts';

export class PagedList<A extends { total: number }, R> {
  data = $state.raw<A | null>(null);
  error = $state('');
  loadingMore = $state(false);
  #attempt = $state(0);

  constructor(
    private readonly rowsOf: (a: A) => R[],
    private readonly withRows: (a: A, rows: R[]) => A,
  ) {}

  get rows(): R[] {
    return this.data ? this.rowsOf(this.data) : [];
  }

  /** Call inside $effect: loads the first page, aborting the request it replaces. */
  load(fetchPage: (offset: number, signal?: AbortSignal) => Promise<A>): () => void {
    void this.#attempt;
    const controller = new AbortController();
    this.error = '';
    this.#fetchPage = fetchPage;
    fetchPage(0, controller.signal).then(
      (a) => (this.data = a),
      (err) => !controller.signal.aborted && (this.error = errorMessage(err)),
    );
    return () => controller.abort();
  }

  #fetchPage: ((offset: number, signal?: AbortSignal) => Promise<A>) | null = null;

  more = async () => {
    if (!this.data || !this.#fetchPage) return;
    this.loadingMore = true;
    try {
      const next = await this.#fetchPage(this.rows.length);
      this.data = this.withRows(next, [...this.rows, ...this.rowsOf(next)]);
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loadingMore = false;
    }
  };

  retry = () => {
    this.#attempt++;
  };
}
