/** One feature's strings: English defines the keys, Chinese must translate every one of them. */
export interface FeatureMessages<E extends Record<string, string>> {
  en: E;
  zh: Record<keyof E, string>;
}

export function defineMessages<const E extends Record<string, string>>(en: E, zh: Record<keyof E, string>): FeatureMessages<E> {
  return { en, zh };
}
