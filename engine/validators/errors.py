"""The exceptions the generated validators raise (fastjsonschema's names,
so its generated code runs unchanged without fastjsonschema installed)."""


class JsonSchemaValueException(ValueError):
    """The document breaks a rule of the schema; the message names the first."""


class JsonSchemaValuesException(JsonSchemaValueException):
    """Several broken rules (only raised by code generated to collect them all)."""
