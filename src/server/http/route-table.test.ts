import { describe, expect, it } from 'vitest';
import { RouteTable } from './route-table.js';

describe('RouteTable', () => {
  const table = new RouteTable<string>()
    .add('POST', '/v1/chat/completions', 'chat')
    .add('GET', '/v1/models', 'models')
    .add('POST', '/v1/agents/{name}/runs', 'runs')
    .add('GET', '/v1/dashboard/runs/{id}', 'run');

  it('finds static and parameterised routes, decoding parameters', () => {
    expect(table.lookup('POST', '/v1/chat/completions')).toEqual({ kind: 'found', match: { handler: 'chat', params: {} } });
    expect(table.lookup('POST', '/v1/agents/service%20desk/runs')).toEqual({ kind: 'found', match: { handler: 'runs', params: { name: 'service desk' } } });
    expect(table.lookup('HEAD', '/v1/models')).toMatchObject({ kind: 'found', match: { handler: 'models' } });
  });

  it('tells a wrong method from an unknown path', () => {
    expect(table.lookup('GET', '/v1/chat/completions')).toEqual({ kind: 'method-not-allowed', allowed: ['POST'] });
    expect(table.lookup('GET', '/v1/agents/x/runs')).toEqual({ kind: 'method-not-allowed', allowed: ['POST'] });
    expect(table.lookup('POST', '/v1/agents//runs')).toEqual({ kind: 'not-found' });
    expect(table.lookup('GET', '/v1/dashboard/runs/%E0%A4%A')).toEqual({ kind: 'not-found' });
    expect(table.lookup('GET', '/v2/models')).toEqual({ kind: 'not-found' });
  });
});
