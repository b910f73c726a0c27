// The users and tokens lists may come bare or wrapped ({users: [...]}, {tokens: [...]}); the page reads both.
export function listOf<T>(answer: T[] | Record<string, T[]>, key: string): T[] {
  return Array.isArray(answer) ? answer : (answer[key] ?? []);
}
