// rjsf needs a validator to choose among anyOf/oneOf branches. Its ajv8 validator
// compiles schemas with `new Function`, which the console's CSP forbids (no
// unsafe-eval), and node schemas arrive at run time so they cannot be precompiled.
// @cfworker/json-schema validates by interpretation (no code generation). The form
// itself does not block on it: `flows/validate` is the authority, shown on the nodes.
import { Validator, type Schema } from "@cfworker/json-schema";
import type { RJSFSchema, ValidationData, ValidatorType } from "@rjsf/utils";

function check(schema: RJSFSchema, data: unknown, root?: RJSFSchema) {
  const withDefs = root && root !== schema ? { ...schema, $defs: root.$defs, definitions: root.definitions } : schema;
  return new Validator(withDefs as Schema, "2020-12", false).validate(data);
}

export const interpretingValidator: ValidatorType = {
  validateFormData(): ValidationData<unknown> {
    return { errors: [], errorSchema: {} };
  },
  isValid(schema, formData, rootSchema) {
    try {
      return check(schema, formData, rootSchema).valid;
    } catch {
      return false;
    }
  },
  rawValidation(schema, formData) {
    try {
      const result = check(schema, formData);
      return { errors: result.errors as never[] };
    } catch (error) {
      return { validationError: error as Error };
    }
  },
};
