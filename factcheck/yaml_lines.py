"""Safe YAML loading that remembers the line of every key and list item.

Rule and config errors must name ``file:line``; PyYAML's node marks carry
that, so mappings and lists built here keep it. Only ``true``/``false`` are
booleans (YAML 1.1 would read the country code ``NO`` as False), and a
duplicated key is an error instead of a silent overwrite.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from factcheck.errors import ConfigError

if TYPE_CHECKING:
    import yaml


class LineDict(dict[Any, Any]):
    """A mapping from YAML with ``line`` (its own) and ``key_lines`` (per key)."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list[Any]):
    """A sequence from YAML with ``line`` and ``item_lines``."""

    line: int = 0
    item_lines: list[int]


@functools.cache
def _loader_class() -> type[yaml.SafeLoader]:
    """The loader, built on first use: a run whose rule files are cached never imports PyYAML."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    _Loader.add_constructor("tag:yaml.org,2002:map", _mapping)
    _Loader.add_constructor("tag:yaml.org,2002:seq", _sequence)
    return _Loader


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        where = f"{loader.name}:{key_node.start_mark.line + 1}"
        try:
            duplicate = key in result
        except TypeError:
            raise ConfigError(f"a mapping key must be a plain value, not {type(key).__name__}", where) from None
        if duplicate:
            raise ConfigError(f"duplicate key {key!r}", where)
        result[key] = _construct(loader, value_node)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """A value, or ConfigError at its line when YAML parses it but Python cannot
    build it: ``date: 2020-13-01`` is a timestamp by YAML's grammar and a
    ValueError from ``datetime``, which escaped as a traceback."""
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as error:
        raise ConfigError(f"invalid value {node.value!r}: {error}", f"{loader.name}:{node.start_mark.line + 1}") from None


def _sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(_construct(loader, child) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def load_all(text: str, name: str) -> list[Any]:
    """Every YAML document in ``text``; syntax errors become ConfigError at file:line."""
    import yaml

    try:
        loader = _loader_class()(text)
        loader.name = name
        try:
            documents = []
            while loader.check_data():
                documents.append(loader.get_data())
            return documents
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = " ".join(str(p) for p in (error.context, error.problem) if p)
        raise ConfigError(f"invalid YAML: {problem}", f"{name}{line}") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"invalid YAML: {error}", name) from None
    except (ValueError, OverflowError) as error:  # a top-level scalar that does not build
        raise ConfigError(f"invalid value: {error}", name) from None


def line_of(container: Any, key: Any = None) -> int:
    """Best-known line of a key (LineDict), item (LineList) or the container itself."""
    if isinstance(container, LineDict) and key is not None and key in container.key_lines:
        return container.key_lines[key]
    if isinstance(container, LineList) and isinstance(key, int) and 0 <= key < len(container.item_lines):
        return container.item_lines[key]
    return getattr(container, "line", 0)
