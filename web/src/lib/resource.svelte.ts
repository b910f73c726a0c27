// One page's server data: the last answer, whether a newer one is loading, the error, and a retry.
import { errorMessage } from './api.ts';

export class Resource<T> {
  /** The last answer; kept while a newer one loads so the page does not flash empty. */
  data = $state.raw<T | null>(null);
  error = $state('');
  loading = $state(true);
  #attempt = $state(0);

  /**
   * Call inside $effect with a fetcher that reads the page's parameters: it
   * re-runs when they (or retry) change and aborts the request it replaces.
   */
  load(fetcher: (signal: AbortSignal) => Promise<T>): () => void {
    void this.#attempt;
    const controller = new AbortController();
    this.loading = true;
    this.error = '';
    fetcher(controller.signal).then(
      (value) => {
        this.data = value;
        this.loading = false;
      },
      (err) => {
        if (controller.signal.aborted) return;
        this.error = errorMessage(err);
        this.loading = false;
      },
    );
    return () => controller.abort();
  }

  retry = () => {
    this.#attempt++;
  };
}
