// Precompiles the JSON Schema(s) in schemas/ into standalone ajv validators (no runtime code generation). (Being written.)
