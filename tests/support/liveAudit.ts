/**
 * What the live-audit suites share: moto's AWS server on loopback seeded with the demo stack
 * (tools/auditDemo), the audit run against it, and a loopback proxy that injects faults.
 */
import * as http from "http";
import * as net from "net";
import { AuditClientOptions, AuditClients, auditClients } from "../../tools/audit/clients";
import { AuditReport } from "../../tools/audit/report";
import { audit } from "../../tools/audit/run";
import { fakeAwsEnvironment, MotoServer, startMoto } from "../../tools/auditDemo/moto";
import { DEMO_ACCOUNT, DEMO_STACK, Sdk, sdk, seedSampleProject } from "../../tools/auditDemo/seed";

export { DEMO_ACCOUNT as ACCOUNT, DEMO_STACK as STACK };

export interface SeededMoto {
  moto: MotoServer;
  /** Write clients for out-of-band changes. */
  c: Sdk;
  /** The seeded project's name prefix, `project-{uuid}`. */
  project: string;
}

/** Registers the suite's hooks: start moto and seed the demo stack before, stop moto after. The
 * returned object is filled in by the `before` hook. */
export function seededMoto(): SeededMoto {
  const s = {} as SeededMoto;
  let restoreEnv: (() => void) | undefined;
  before(async () => {
    restoreEnv = fakeAwsEnvironment();
    s.moto = await startMoto();
    s.c = sdk(s.moto.endpoint);
    s.project = await seedSampleProject(s.c, s.moto.endpoint, DEMO_STACK, DEMO_ACCOUNT);
  });
  after(async () => {
    await s.moto?.stop();
    restoreEnv?.();
  });
  return s;
}

/** Audit clients for `endpoint`, fast enough for tests. */
export function demoClients(
  endpoint: string,
  extra: Partial<Omit<AuditClientOptions, "region" | "endpoint">> = {},
): AuditClients {
  return auditClients({ region: DEMO_ACCOUNT.region, endpoint, maxRequestsPerSecond: 500, ...extra });
}

/** The live audit of the demo stack through `clients`. */
export function auditDemoStack(clients: AuditClients): Promise<AuditReport> {
  return audit({ env: "dev", stacks: [DEMO_STACK], account: DEMO_ACCOUNT, clients, concurrency: 4 });
}

/** The live audit of the demo stack against `endpoint`, with the clients it used. */
export async function runDemoAudit(
  endpoint: string,
  extra: Partial<Omit<AuditClientOptions, "region" | "endpoint">> = {},
): Promise<{ r: AuditReport; clients: AuditClients }> {
  const clients = demoClients(endpoint, extra);
  return { r: await auditDemoStack(clients), clients };
}

/** A loopback proxy to `upstream`; `intercept` may answer a request itself (or leave it hanging)
 * and returns true when it did. */
export async function faultProxy(
  upstream: string,
  intercept: (req: http.IncomingMessage, res: http.ServerResponse) => boolean,
): Promise<{ url: string; close: () => void }> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res): void => {
    if (intercept(req, res)) return;
    const forwarded = http.request(
      new URL(req.url ?? "/", upstream),
      { method: req.method, headers: req.headers },
      (u) => {
        res.writeHead(u.statusCode ?? 502, u.headers);
        u.pipe(res);
      },
    );
    req.pipe(forwarded);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}
