// The command line: any expression text, -- ends options, name=dtype only after the expression,
// --help per command, usage errors exit 2.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('fusexpr explain', () => {
  it.each([['a <= b'], ['sum(a, axis=0)'], ['where(a == b, a, b)']])('takes %s (an expression with =)', (expr) => {
    const r = run('explain', expr);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`expression: ${expr}`);
  });
  it('options come before the expression, name=dtype pairs after it', () => {
    const r = run('explain', '--size', '100', 'i*2 + f', 'i=int32', 'f=float32');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('signature:  {"i":"int32[100]","f":"float32[100]"}');
  });
  it('types complex vars too (name=complex64, name=complex128)', () => {
    const r = run('explain', '--size', '3', 'abs(z * 2j) + w', 'z=complex64', 'w=uint8');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('signature:  {"z":"complex64[3]","w":"uint8[3]"}');
  });
  it('-- ends the options, so an expression may start with -', () => {
    const r = run('explain', '--no-fusion', '--', '-a + b');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('expression: -a + b');
  });
  it('an unknown option is a usage error with a hint', () => {
    const r = run('explain', '--sise', '3', 'a');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('fusexpr: unknown option --sise (did you mean --size?)');
  });
  it('a bad pair after the expression is a usage error', () => {
    const r = run('explain', 'a + b', 'b');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('expected name=dtype after the expression, got "b"');
  });
  it('an expression error is reported with its position and exit code 2', () => {
    const r = run('explain', 'a +');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^fusexpr: /);
  });
});

describe('--help', () => {
  it.each([
    [['--help'], 'usage: fusexpr <command> [options]'],
    [['explain', '--help'], 'usage: fusexpr explain [options] [--] "<expression>" [name=dtype ...]'],
    [['tune', '--help'], 'usage: fusexpr tune'],
  ])('%j prints its usage and exits 0', (args, first) => {
    const r = run(...args);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(first);
  });
  it('no command prints the usage and exits 2', () => {
    const r = run();
    expect(r.status).toBe(2);
  });
});
