
const pulumi = require("@pulumi/pulumi");
(async () => {
  await pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: () => ({}) }, "p", "s", true);
  process.on("exit", (c) => console.log("exit", c));
  process.on("unhandledRejection", (e) => console.log("unhandled", e && e.message));
  try {
    await pulumi.runtime.runInPulumiStack(async () => {
      const h = new pulumi.ResourceHook("h", async () => {});
      h.__registered.then(() => console.log("registered"), (e) => console.log("reg failed", e.message));
      const r = new pulumi.CustomResource("x:y:Z", "n", {}, { hooks: { afterCreate: [h] } });
      r.urn.apply(u => console.log("urn", u));
    });
    console.log("done");
  } catch (e) { console.log("caught", e.message); }
})();
