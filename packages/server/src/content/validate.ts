import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';

/** Every schema problem of a value, each as "field.path: message". */
export function validationProblems(schema: TSchema, value: unknown): string[] {
  return [...Value.Errors(schema, value)].map((e) => `${e.path.slice(1).replaceAll('/', '.') || '(root)'}: ${e.message}`);
}
