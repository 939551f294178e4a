/**
 * Engine diagnostics as LSP diagnostics. A published diagnostic carries no fix: its `data` holds only what finds it
 * again in the server's lint of the same version (the version and the object's line; the rule id is its `code`) and
 * what the message says (its id and data, for clients and tests that match findings without reading prose), so that a
 * publish stays small (a 10,000-line manifest has thousands of diagnostics, and every keystroke publishes them all).
 * Code actions look the diagnostic up in that lint (lsp/actions.ts) and build their edits there, on request.
 */
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { LintDiagnostic, LintResult, Range, Severity } from '../engine';
import type { KubewiseInitializationOptions } from '../protocol';
import { DIAGNOSTIC_SOURCE, ruleDocsUrl } from '../protocol';

/**
 * What the server needs back from a diagnostic, read from the diagnostic the client returns (`code` is the rule id).
 * Not sent as is: see `WireData`.
 */
export interface DiagnosticData {
  ruleId: string;
  /** Version of the document the range belongs to; a diagnostic of another version gets no edits. */
  version: number;
  objectLine?: number;
  /**
   * The id of the message in the rule's `meta.messages`, and the values of its placeholders: what a client or a test
   * matches instead of the prose, which may be reworded. Left out when the rule gave none.
   */
  messageId?: string;
  messageData?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * `Diagnostic.data` on the wire. It rides on every diagnostic of every publish, thousands per keystroke in a large
 * file, so its keys are one letter and a field is left out when absent: `v` the version, `o` the object's line, `m`
 * the message id, `a` the values of the message's placeholders. `kubewiseData` reads it back.
 */
export interface WireData {
  v: number;
  o?: number;
  m?: string;
  a?: Readonly<Record<string, string | number | boolean>>;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Which optional fields a publish carries (a client may ask for fewer: `KubewiseInitializationOptions`). */
export interface PublishFields {
  /** `codeDescription`, the link to the rule's page. */
  docsLinks: boolean;
  /** The message id and placeholder values in `data`. */
  messageIds: boolean;
}

export const ALL_FIELDS: PublishFields = { docsLinks: true, messageIds: true };

/** The fields a client asks for in its `initializationOptions` (all of them unless it says otherwise). */
export function publishFields(options: KubewiseInitializationOptions | undefined): PublishFields {
  return { docsLinks: options?.ruleDocsLinks !== 'client', messageIds: options?.messageIds !== false };
}

export function toLspDiagnostic(d: LintDiagnostic, version: number, fields = ALL_FIELDS): Diagnostic {
  const data: WireData = { v: version };
  if (d.objectLine !== undefined) data.o = d.objectLine;
  if (fields.messageIds && d.messageId !== undefined) data.m = d.messageId;
  if (fields.messageIds && d.data !== undefined && Object.keys(d.data).length > 0) data.a = d.data;
  return {
    range: d.range,
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: d.ruleId,
    ...(fields.docsLinks && { codeDescription: { href: ruleDocsUrl(d.ruleId) } }),
    message: d.message,
    data,
    ...(d.related?.length && {
      relatedInformation: d.related.map((r) => ({
        location: { uri: pathToFileURL(r.file).href, range: r.range },
        message: r.message,
      })),
    }),
  };
}

/** The data of one of our diagnostics, or undefined for anyone else's (or data a client mangled). */
export function kubewiseData(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string') return undefined;
  const data = d.data as Partial<WireData> | undefined;
  if (!data || typeof data !== 'object' || typeof data.v !== 'number') return undefined;
  if (data.o !== undefined && typeof data.o !== 'number') return undefined;
  const out: DiagnosticData = { ruleId: d.code, version: data.v };
  if (data.o !== undefined) out.objectLine = data.o;
  if (typeof data.m === 'string') out.messageId = data.m;
  if (data.a && typeof data.a === 'object') out.messageData = data.a;
  return out;
}

/** Finds diagnostics of a lint by rule, range and message: how a diagnostic the client sent back is found again. */
export class DiagnosticLookup {
  private readonly byKey = new Map<string, LintDiagnostic>();

  constructor(result: LintResult) {
    for (const d of result.diagnostics) {
      const key = lookupKey(d.ruleId, d.range, d.message);
      if (!this.byKey.has(key)) this.byKey.set(key, d);
    }
  }

  find(ruleId: string, range: Range, message: string): LintDiagnostic | undefined {
    return this.byKey.get(lookupKey(ruleId, range, message));
  }
}

const lookups = new WeakMap<LintResult, DiagnosticLookup>();

/** The lookup of a lint result, built once per result (the result of one version is asked again and again). */
export function lookupIn(result: LintResult): DiagnosticLookup {
  let lookup = lookups.get(result);
  if (!lookup) lookups.set(result, (lookup = new DiagnosticLookup(result)));
  return lookup;
}

function lookupKey(ruleId: string, r: Range, message: string): string {
  return `${ruleId}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${message}`;
}

/** The engine's view of a diagnostic the client sent back (for the "ignore" fixes, which start from it). */
export function toLintDiagnostic(d: Diagnostic, data: DiagnosticData): LintDiagnostic {
  const out: LintDiagnostic = { ruleId: data.ruleId, severity: 'warning', message: d.message, range: d.range };
  if (typeof data.objectLine === 'number') out.objectLine = data.objectLine;
  return out;
}
