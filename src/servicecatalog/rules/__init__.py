"""The rule catalogue: one module per rule family (docs/architecture.md#adding-a-rule).

The registry of all families is :mod:`servicecatalog.rules.registry`. This package imports
nothing, so that the loader, schema validation and the configuration can import the family that
defines their rules (``rules.yaml_safety``, ``rules.yaml_style``, ``rules.schema``,
``rules.configuration``) without loading the others.
"""
