/**
 * Opens the Problems view filtered to Kubewise. VS Code has no API for the view's filter text, so the filter box is
 * focused and, in the desktop app, "kubewise" is pasted into it through the clipboard (which is restored right
 * after). In a browser the clipboard needs a permission prompt, so there the focused filter box is left to the user.
 */
import * as vscode from 'vscode';

export const PROBLEMS_FILTER = 'kubewise';

export async function showKubewiseProblems(): Promise<void> {
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.commands.executeCommand('problems.action.focusFilter');
  if (vscode.env.uiKind !== vscode.UIKind.Desktop) return;
  const previous = await vscode.env.clipboard.readText();
  try {
    await vscode.env.clipboard.writeText(PROBLEMS_FILTER);
    await vscode.commands.executeCommand('editor.action.selectAll');
    await vscode.commands.executeCommand('editor.action.clipboardPasteAction');
  } finally {
    await vscode.env.clipboard.writeText(previous);
  }
}
