/**
 * Read a human-edited YAML file and validate it with a zod schema, reporting
 * every problem located as `file:line:col path: message` (YAML syntax errors too).
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { error, YardstickError, type Issue } from '../errors.js';

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  data: unknown;
}

/** Parse YAML text; syntax errors become located issues. */
export function parseYaml(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const issues: Issue[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return error('yaml_syntax', `YAML 语法错误 / YAML syntax error: ${e.message.split('\n')[0]}`, {
      file,
      row: pos.line,
      column: pos.col,
    });
  });
  YardstickError.throwIfErrors(issues);
  return { file, doc, lineCounter, data: doc.toJS() };
}

export function readYaml(file: string): YamlSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new YardstickError(`${file}: 无法读取文件 / cannot read file (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  return parseYaml(file, text);
}

/** Where a dotted path points in the file: the value's node, else its nearest existing parent. */
export function locate(src: YamlSource, path: (string | number)[]): { row?: number; column?: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = src.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && node.range) {
      const pos = src.lineCounter.linePos(node.range[0]);
      return { row: pos.line, column: pos.col };
    }
  }
  return {};
}

/** An issue located at `path` in the YAML source. */
export function issueAt(src: YamlSource, path: (string | number)[], code: string, message: string): Issue {
  return error(code, message, { file: src.file, path: path.join('.') || undefined, ...locate(src, path) });
}

/** Validate parsed YAML with zod; all issues are returned located. */
export function validate<S extends z.ZodType>(src: YamlSource, schema: S): z.infer<S> {
  const result = schema.safeParse(src.data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) =>
    issueAt(src, i.path as (string | number)[], `schema_${i.code}`, i.message),
  );
  throw new YardstickError(issues);
}
