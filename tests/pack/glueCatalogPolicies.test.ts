import { describeResourceCases } from "../support/policyCases";
import { GLUE_CATALOG_CASES } from "./cases/glueCatalogCases";

describe("policy pack: Glue crawler, trigger, connection and encryption resource policies (pass, fail, unknown)", () => {
  describeResourceCases(GLUE_CATALOG_CASES);
});
