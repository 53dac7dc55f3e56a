import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { AwsDouble, changedKeys, requestedAwsVersion, urnParts } from "../../e2e/provider/server";
import { CREDENTIALS_ENV, LIVE_FILE_ENV, writeLiveChange } from "../../e2e/provider/live";
import { DEFAULT_ACCOUNT, deployedState } from "../../tools/runner/mocks";
import { REPO_ROOT } from "../support/paths";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any -- generated gRPC/protobuf JS */
const providerGrpc = require("@pulumi/pulumi/proto/provider_grpc_pb") as any;
const providerPb = require("@pulumi/pulumi/proto/provider_pb") as any;
const structPb = require("google-protobuf/google/protobuf/struct_pb") as any;
const emptyPb = require("google-protobuf/google/protobuf/empty_pb") as any;

const URN = "urn:pulumi:dev::glue-platform::glue:platform:Network$aws:kms/key:Key::lake-key";

describe("aws provider double (e2e/provider)", () => {
  it("parses type and name from a URN with a parent chain", () => {
    assert.deepEqual(urnParts(URN), { type: "aws:kms/key:Key", name: "lake-key" });
  });

  it("creates like the mocks: computed outputs unknown in preview, deterministic ids and ARNs when deployed", async () => {
    const double = new AwsDouble();
    double.configure(new Map(), { region: DEFAULT_ACCOUNT.region });
    const inputs = { description: "lake" };
    const preview = await double.create(URN, inputs, true);
    assert.equal(preview.id, "");
    assert.equal(preview.state.arn, undefined);
    const created = await double.create(URN, inputs, false);
    const expected = deployedState("aws:kms/key:Key", "lake-key", inputs, DEFAULT_ACCOUNT);
    assert.equal(created.id, expected.id);
    assert.equal(created.state.arn, expected.state.arn);
    assert.match(String(created.state.arn), /^arn:aws:kms:eu-west-1:123456789012:key\//);
  });

  it("takes the region from the provider config", async () => {
    const double = new AwsDouble();
    double.configure(new Map(), { region: "us-east-2" });
    const { state } = await double.create(URN, {}, false);
    assert.match(String(state.arn), /:us-east-2:/);
  });

  it("reports out-of-band changes and deletions on read, nothing otherwise", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-double-"));
    const file = path.join(dir, "live.json");
    const saved = process.env[LIVE_FILE_ENV];
    process.env[LIVE_FILE_ENV] = file;
    try {
      const double = new AwsDouble();
      const props = { id: "k1", description: "lake", tags: { Owner: "a" } };
      const inputs = { description: "lake", tags: { Owner: "a" } };
      assert.deepEqual(double.read(URN, "k1", props, inputs).props, props);
      writeLiveChange(file, URN, { set: { tags: { Owner: "b" } } });
      const changed = double.read(URN, "k1", props, inputs);
      assert.deepEqual(changed.props.tags, { Owner: "b" });
      assert.deepEqual(changed.inputs.tags, { Owner: "b" });
      writeLiveChange(file, "k1", { deleted: true });
      writeLiveChange(file, URN, { deleted: true });
      assert.equal(double.read(URN, "k1", props, inputs).id, "");
    } finally {
      if (saved === undefined) delete process.env[LIVE_FILE_ENV];
      else process.env[LIVE_FILE_ENV] = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers the data sources the programs call and rejects others", async () => {
    const double = new AwsDouble();
    const id = await double.invoke("aws:index/getCallerIdentity:getCallerIdentity", {});
    assert.equal(id.accountId, DEFAULT_ACCOUNT.accountId);
    await assert.rejects(
      double.invoke("aws:s3/getBucket:getBucket", { bucket: "x" }),
      /offline check cannot answer/,
    );
  });

  it("diffs inputs by top-level key", () => {
    assert.deepEqual(changedKeys({ a: 1, b: [1], c: "x" }, { a: 1, b: [2], d: true }), ["b", "c", "d"]);
    assert.deepEqual(changedKeys({ a: { x: 1 } }, { a: { x: 1 } }), []);
  });

  it("serves the provider protocol as a plugin: port on stdout, plugin info, configure, broken credentials", async function () {
    this.timeout(60000);
    const start = (env: NodeJS.ProcessEnv) => {
      const child = spawn(path.join(REPO_ROOT, "e2e", "bin", "pulumi-resource-aws"), ["127.0.0.1:1"], {
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "inherit"],
      });
      const port = new Promise<number>((resolve, reject) => {
        child.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
        child.once("exit", (c) => reject(new Error(`plugin exited with ${c}`)));
      });
      return { child, port };
    };
    const call = (client: any, method: string, req: unknown) =>
      new Promise<any>((resolve, reject) =>
        client[method](req, (e: Error | null, r: unknown) => (e ? reject(e) : resolve(r))),
      );
    const Client = grpc.makeGenericClientConstructor(
      providerGrpc.ResourceProviderService,
      "ResourceProvider",
    );
    const configure = () => {
      const req = new providerPb.ConfigureRequest();
      req.setArgs(structPb.Struct.fromJavaScript({ region: "eu-west-1" }));
      return req;
    };

    const ok = start({});
    const broken = start({ [CREDENTIALS_ENV]: "invalid" });
    try {
      const client = new Client(`127.0.0.1:${await ok.port}`, grpc.credentials.createInsecure()) as any;
      const info = await call(client, "getPluginInfo", new emptyPb.Empty());
      assert.equal(info.getVersion(), requestedAwsVersion());
      const configured = await call(client, "configure", configure());
      assert.equal(configured.getSupportspreview(), true);
      const failing = new Client(`127.0.0.1:${await broken.port}`, grpc.credentials.createInsecure()) as any;
      await assert.rejects(call(failing, "configure", configure()), /unable to validate AWS credentials/);
      client.close();
      failing.close();
    } finally {
      ok.child.kill();
      broken.child.kill();
    }
  });
});
/* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
