/** The first parse and lint are slow (the JIT has not seen the code): pay for them before the user opens a manifest. */
import { createRuleSet } from '../composition';
import { DEFAULT_SETTINGS, lintText } from '../engine';
import type { Authoring } from './authoring';

const SAMPLE =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: warm-up\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: a:1\n';

/** Lints and outlines a small manifest once; returns how long it took (ms). */
export function warmUp(authoring: Authoring): number {
  const started = Date.now();
  lintText(SAMPLE, createRuleSet(DEFAULT_SETTINGS));
  authoring.warmUp(SAMPLE);
  return Date.now() - started;
}
