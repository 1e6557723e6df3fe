"""Compliance rules: one YAML file per law, validated, indexed by place, and shipped.

- :mod:`.schema`: the pydantic model of a rule file (every figure carries its source);
- :mod:`.loader`: reading a rules directory into a :class:`~.loader.RuleSet`, and the
  release's ``rules/rules.json`` dataset;
- :mod:`.index`: which rules apply in a country or subdivision (ISO 3166);
- :mod:`.residency`: which configured cloud regions may store a country's data;
- :mod:`.checks`: findings over the rule files for ``i18n rules check``.
"""
