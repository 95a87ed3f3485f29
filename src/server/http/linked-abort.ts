// An AbortController that also aborts when `parent` does. Cheaper than AbortSignal.any on a path every
// request takes (no weak-reference bookkeeping), and the listener goes away with the request's signal.

export function linkedController(parent: AbortSignal): AbortController {
  const controller = new AbortController();
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', () => controller.abort(parent.reason), { once: true });
  return controller;
}
