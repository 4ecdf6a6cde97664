"""Read a profile file safely: a small regular file, YAML without aliases, no duplicate keys.

A profile comes from whoever wrote the file, so reading it must stay cheap whatever it holds: the
size is capped before parsing, only regular files are opened (a FIFO or /dev/zero would block or
never end), YAML aliases are refused (an alias bomb expands to gigabytes) and nesting is bounded
(deep nesting would exhaust the stack). YAML is read with the 1.2 booleans `true`/`false` only, so
`ai_later: no` is the word "no" and `fullstack_js: yes` is refused, not a silent True.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stackwise.advisor.errors import FieldProblem, ProfileError, parse_profile
from stackwise.advisor.profile import ProjectProfile

if TYPE_CHECKING:
    import yaml

MAX_BYTES = 64 * 1024
MAX_DEPTH = 8  # the contract's deepest value is team.languages[i], at depth 3


def _fail(path: Path, message: str) -> ProfileError:
    return ProfileError([FieldProblem("", f"{path}: {message}")])


def read_bounded(path: Path) -> str:
    """The file's text, refusing anything but a regular UTF-8 file of at most MAX_BYTES."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise _fail(path, "no such file") from None
    except IsADirectoryError:
        raise _fail(path, "is a directory, not a profile file") from None
    except OSError as exc:
        raise _fail(path, f"cannot be read ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _fail(path, "is a directory, not a profile file")
        if not stat.S_ISREG(info.st_mode):
            raise _fail(path, "is not a regular file (a device, pipe or socket); give a file")
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _fail(path, f"is larger than {MAX_BYTES // 1024} KB; a profile is a few lines")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(path, f"is not UTF-8 text (byte {exc.start})") from None


def _depth(value: Any) -> int:
    """How deeply lists and mappings nest in `value`, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: list[Any] = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ValueError(f"the key '{key[:60]}' appears twice")
        data[key] = value
    return data


def _parse_json(path: Path, text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_json_object)
    except json.JSONDecodeError as exc:
        raise _fail(path, f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except ValueError as exc:
        raise _fail(path, f"not a valid profile: {exc}") from None
    except RecursionError:
        raise _fail(path, f"nests deeper than {MAX_DEPTH} levels") from None


def _loader() -> type[yaml.SafeLoader]:
    """A SafeLoader that refuses aliases, duplicate keys and deep nesting; YAML 1.2 booleans."""
    import re

    import yaml
    from yaml.composer import ComposerError
    from yaml.constructor import ConstructorError
    from yaml.events import AliasEvent
    from yaml.scanner import ScannerError

    class ProfileLoader(yaml.SafeLoader):
        depth = 0

        def fetch_flow_collection_start(self, token_class: Any) -> None:
            # Refused while scanning: the scanner looks ahead over every open `[`, so thousands
            # of them would cost seconds before the composer saw the depth.
            if self.flow_level >= MAX_DEPTH:
                raise ScannerError(
                    None, None, f"nests deeper than {MAX_DEPTH} levels", self.get_mark()
                )
            super().fetch_flow_collection_start(token_class)

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise ComposerError(
                    None, None, "aliases (*name) are not allowed in a profile", event.start_mark
                )
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ComposerError(
                    None,
                    None,
                    f"nests deeper than {MAX_DEPTH} levels",
                    self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                )
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if isinstance(key, str | int | float | bool) and key in seen:
                    raise ConstructorError(
                        None, None, f"the key '{str(key)[:60]}' appears twice", key_node.start_mark
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    # YAML 1.1 reads yes/no/on/off as booleans; a profile means the words.
    ProfileLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    ProfileLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    return ProfileLoader


def _parse_yaml(path: Path, text: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = str(getattr(exc, "problem", None) or "malformed")[:200]
        raise _fail(path, f"not valid YAML{where}: {problem}") from None


def read_profile_file(path: Path) -> ProjectProfile:
    """Read a YAML or JSON profile file, with errors that name the file and the field."""
    text = read_bounded(path)
    if not text.strip():
        raise _fail(path, "the file is empty; give at least 'product'")
    data = _parse_json(path, text) if path.suffix.lower() == ".json" else _parse_yaml(path, text)
    if _depth(data) > MAX_DEPTH:
        raise _fail(path, f"nests deeper than {MAX_DEPTH} levels")
    try:
        return parse_profile(data)
    except ProfileError as exc:
        raise ProfileError(
            [FieldProblem(p.field, f"{p.message} (in {path})") for p in exc.problems]
        ) from None
