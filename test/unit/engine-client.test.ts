import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import { loadConfig } from '../../platform/config.js';
import { EngineError, createEngine, formKeysOf, fromTypedVariables, toTypedVariables } from '../../platform/engine/client.js';
import { basicAuth } from '../../platform/engine/engine.js';

test('variables travel typed; arrays and objects as JSON text, since the engine has no JSON type without Spin', () => {
  const typed = toTypedVariables({ s: 'a', n: 2, d: 1.5, b: true, z: null, u: undefined, list: ['x'], obj: { a: 1 } });
  expect(typed).toEqual({
    s: { value: 'a', type: 'String' },
    n: { value: 2, type: 'Long' },
    d: { value: 1.5, type: 'Double' },
    b: { value: true, type: 'Boolean' },
    z: { value: null, type: 'Null' },
    list: { value: '["x"]', type: 'String' },
    obj: { value: '{"a":1}', type: 'String' },
  });
  expect(fromTypedVariables({ s: { value: 'a', type: 'String' }, n: { value: 2, type: 'Long' } })).toEqual({ s: 'a', n: 2 });
});

test('form keys are read per user task, whatever the attribute order', () => {
  const xml = `<bpmn:userTask id="a" camunda:formKey="besluit" name="A">
    <bpmn:userTask camunda:candidateGroups="x:y" camunda:formKey="voortgang" id="b" />
    <bpmn:userTask id="c" name="geen formulier" />`;
  expect([...formKeysOf(xml)]).toEqual([
    ['a', 'besluit'],
    ['b', 'voortgang'],
  ]);
});

test('conflicts (claimed, gone, nothing waits) are told apart from other engine errors', () => {
  expect(new EngineError(500, 'TaskAlreadyClaimedException', "Task 'x' is already claimed by someone else.").isConflict).toBe(true);
  expect(new EngineError(404, 'InvalidRequestException', 'Cannot find task with id x').isConflict).toBe(true);
  expect(new EngineError(500, 'RestException', 'Cannot complete task x: Cannot find task with id x: task is null').isConflict).toBe(true);
  expect(new EngineError(500, 'ProcessEngineException', 'database down').isConflict).toBe(false);
});

test('commands go to the next node when one refuses the connection, and the refusing node is skipped after', async () => {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const live = `http://127.0.0.1:${(server.address() as AddressInfo).port}/engine-rest`;
  const closed = await freePort();
  const config = loadConfig({ ENGINE_REST_URL: `http://127.0.0.1:${closed}/engine-rest,${live}`, ENGINE_PASSWORD: 'geheim' });
  const engine = createEngine({ config, engineDatabaseUrl: 'postgres://127.0.0.1:1/none' });
  try {
    await engine.claimUserTask('t-1', 'jan');
    await engine.unclaimUserTask('t-1');
    expect(seen).toEqual([`POST /engine-rest/task/t-1/claim ${basicAuth('doorzet', 'geheim')}`, `POST /engine-rest/task/t-1/unclaim ${basicAuth('doorzet', 'geheim')}`]);
  } finally {
    await engine.close();
    server.close();
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test('a command that lost an optimistic-locking race is sent again; other refusals are not', async () => {
  let calls = 0;
  const server = http.createServer((req, res) => {
    calls++;
    if (req.url?.includes('race') && calls < 3) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'RestException', message: "Cannot complete task x: ENGINE-03005 Execution of 'INSERT ExecutionEntity[y]' failed. Entity was updated by another transaction concurrently." }));
      return;
    }
    if (req.url?.includes('kapot')) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 'ProcessEngineException', message: 'kapot' }));
      return;
    }
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/engine-rest`;
  const engine = createEngine({ config: loadConfig({ ENGINE_REST_URL: url, ENGINE_PASSWORD: 'geheim' }), engineDatabaseUrl: 'postgres://127.0.0.1:1/none' });
  try {
    await engine.completeUserTask('race');
    expect(calls).toBe(3);
    calls = 0;
    await expect(engine.completeUserTask('kapot')).rejects.toThrow(/kapot/);
    expect(calls).toBe(1);
  } finally {
    await engine.close();
    server.close();
  }
});
