/** JSON Schemas of the config files, generated from the zod schemas (one source of truth). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PipelineSpec } from './pipeline-schema.js';

export function writeSchemas(dir: string, extra: Record<string, z.ZodType> = {}): string[] {
  mkdirSync(dir, { recursive: true });
  const schemas: Record<string, z.ZodType> = { pipeline: PipelineSpec, ...extra };
  return Object.entries(schemas).map(([name, schema]) => {
    const file = join(dir, `${name}.schema.json`);
    writeFileSync(file, JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), null, 2) + '\n');
    return file;
  });
}
