// What the agent tools cost the model's context before any work starts: each tool's
// modelDescription and inputSchema as the model receives them (package.nls.json resolved),
// in characters and in tokens estimated as characters / 4. The goal is under 2,500 tokens
// for all of them together.
//   node --import tsx bench/agentTools.bench.ts
import * as fs from 'node:fs';
import * as path from 'node:path';
import { printTable } from './stats';

interface ToolContribution {
  name: string;
  modelDescription: string;
  inputSchema?: unknown;
  tags?: string[];
}

export async function benchAgentTools(): Promise<void> {
  const root = path.join(__dirname, '..');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
  const resolve = (s: string) => s.replace(/^%([^%]+)%$/, (_, k: string) => nls[k] ?? s);
  const tools: ToolContribution[] = pkg.contributes.languageModelTools ?? [];
  const rows: string[][] = [];
  let total = 0;
  for (const t of tools) {
    // What a chat sends per tool: its name, its description and its schema (as compact JSON).
    const chars = t.name.length + resolve(t.modelDescription).length + JSON.stringify(t.inputSchema ?? {}).length;
    total += chars;
    rows.push([t.name, t.tags?.includes('heroku-write') ? 'write' : 'read', String(chars), String(Math.ceil(chars / 4))]);
  }
  rows.push(['all tools', `${tools.length}`, String(total), String(Math.ceil(total / 4))]);
  printTable('Agent tools: name + modelDescription + inputSchema per tool (tokens ≈ characters / 4; goal: under 2,500 in all)', ['tool', 'kind', 'chars', 'tokens'], rows);
}

if (process.argv[1]?.endsWith('agentTools.bench.ts')) {
  benchAgentTools().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
