"""The YAML data files the package ships (KB, lexicon, patterns), read one way: safely, through libyaml
when PyYAML was built with it (the same data, about 7 times faster to load), else PyYAML's own parser."""
from __future__ import annotations

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str):
    """The data of one YAML document (yaml.safe_load's result)."""
    return yaml.load(text, Loader=LOADER)
