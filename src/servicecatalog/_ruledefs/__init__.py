"""The rules whose findings are made below the rules layer: while a file is read (``_files``,
``loader``), validated (``_validation``), configured (``config``) or compared (``publication``).

The modules that detect them import them from here and make their findings with
:meth:`~servicecatalog._rule.Rule.finding`; each family module of ``rules/`` re-exports its own,
so the registry and ``servicecatalog rules`` show them with every other rule
(docs/architecture.md#adding-a-rule).
"""
