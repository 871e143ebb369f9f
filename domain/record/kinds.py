"""The plain kinds every layer shares: directions, comparators, value kinds, grades and a parsed value.

No pydantic here: the value parser and the scoring rules work on these alone, so a quick calculation
never loads the record models. ``domain.record.models`` uses them in the validated records.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter
from typing import Any, ClassVar, Self, TypeVar, cast, dataclass_transform

__all__ = ["Comparator", "Direction", "Frozen", "Grade", "ParsedValue", "ValueKind", "factory", "fresh"]


_T = TypeVar("_T")


class factory:  # noqa: N801 - reads as a marker in a declaration
    """A default made fresh for each record (a dict or list): ``notes: list[str] = fresh(list)``."""

    __slots__ = ("make",)

    def __init__(self, make: Any) -> None:
        self.make = make


def fresh(default_factory: Callable[[], _T]) -> _T:
    """Declares a field whose default is made fresh for each record."""
    made: Any = factory(default_factory)
    return cast(_T, made)


_REQUIRED = object()  # a field without default that follows one with a default: given by keyword


def _is_class_var(annotation: Any) -> bool:
    return (isinstance(annotation, str) and annotation.startswith(("ClassVar", "typing.ClassVar"))) or (
        getattr(annotation, "__origin__", None) is ClassVar
    )


def _make_init(name: str, fields: tuple[str, ...], defaults: dict[str, Any]) -> Any:
    """An ``__init__`` written out for the fields, as dataclasses write theirs (one exec per class)."""
    scope: dict[str, Any] = {"_set": object.__setattr__, "_REQUIRED": _REQUIRED, "_TypeError": TypeError}
    parameters: list[str] = []
    body: list[str] = []
    seen_default = False
    for field in fields:
        if field in defaults:
            seen_default = True
            default = defaults[field]
            if isinstance(default, factory):
                scope[f"_make_{field}"] = default.make
                parameters.append(f"{field}=_REQUIRED")
                body.append(f"    if {field} is _REQUIRED: {field} = _make_{field}()")
            else:
                scope[f"_default_{field}"] = default
                parameters.append(f"{field}=_default_{field}")
        elif seen_default:
            parameters.append(f"{field}=_REQUIRED")
            body.append(f"    if {field} is _REQUIRED: raise _TypeError({f'{name}: missing {field!r}'!r})")
        else:
            parameters.append(field)
        body.append(f"    _set(self, {field!r}, {field})")
    source = f"def __init__(self, {', '.join(parameters)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(source, scope)  # noqa: S102 - the source is made from the class's own field names
    return scope["__init__"]


def _one_field(field: str) -> Callable[[Any], tuple[Any, ...]]:
    get = attrgetter(field)
    return lambda record: (get(record),)


def _no_fields(record: Any) -> tuple[Any, ...]:
    return ()


class _FrozenType(type):
    """Makes a ``Frozen`` class from its annotations: slots, defaults and a written-out ``__init__``."""

    def __new__(cls, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **options: Any) -> Any:
        annotations = namespace.get("__annotations__", {})
        own = tuple(field for field, annotation in annotations.items() if not _is_class_var(annotation))
        inherited: tuple[str, ...] = ()
        defaults: dict[str, Any] = {}
        for base in reversed(bases):
            inherited += tuple(field for field in getattr(base, "_fields", ()) if field not in inherited)
            defaults.update(getattr(base, "_field_defaults", {}))
        for field in own:
            if field in namespace:
                defaults[field] = namespace.pop(field)
        namespace.setdefault("__slots__", tuple(field for field in own if field not in inherited))
        made = super().__new__(cls, name, bases, namespace, **options)
        fields = inherited + tuple(field for field in own if field not in inherited)
        setattr(made, "_fields", fields)  # noqa: B010 - set on the class being made
        setattr(made, "_field_defaults", defaults)  # noqa: B010
        if len(fields) > 1:
            getter: Callable[[Any], tuple[Any, ...]] = attrgetter(*fields)
        elif fields:
            getter = _one_field(fields[0])
        else:
            getter = _no_fields
        setattr(made, "_values_of", staticmethod(getter))  # noqa: B010
        if "__init__" not in namespace:
            setattr(made, "__init__", _make_init(name, fields, defaults))  # noqa: B010
        return made


@dataclass_transform(eq_default=True, frozen_default=True, field_specifiers=(fresh,))
class Frozen(metaclass=_FrozenType):
    """A small immutable record declared as a dataclass is: annotated fields, defaults beside them
    (``fresh(list)`` for one made per record), equality and hash by value; ``replace`` gives a changed copy.

    Used instead of ``dataclasses`` on the paths a one-shot calculation takes: importing dataclasses and
    making a dozen frozen slotted dataclasses costs more than the whole calculation (see
    ``benchmarks/bench_whatif.py``), while these classes are made at a fraction of that and construct as fast.
    """

    _fields: ClassVar[tuple[str, ...]] = ()
    _field_defaults: ClassVar[dict[str, Any]] = {}
    _values_of: ClassVar[Callable[[Any], tuple[Any, ...]]]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _values(self) -> tuple[Any, ...]:
        return type(self)._values_of(self)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and type(self)._values_of(self) == type(self)._values_of(other)

    def __hash__(self) -> int:
        return hash(type(self)._values_of(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._values())

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed."""
        return type(self)(**{**self.as_dict(), **changes})

    def as_dict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self._values(), strict=True))


class Direction(StrEnum):
    """How an indicator is scored: higher is better, lower is better, must equal, or graded."""

    POSITIVE = "positive"
    REVERSE = "reverse"
    EQUAL = "equal"
    QUALITATIVE = "qualitative"


class Comparator(StrEnum):
    """The comparison a 年度指标值 states, normalised from ≥ / 以上 / 不少于 / 以内 / …"""

    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    EQ = "="


class ValueKind(StrEnum):
    """What a written value turned out to be."""

    QUANTITY = "quantity"  # a number, maybe with comparator and unit: ≥99%, 72小时之内, 94.8万份
    DATE = "date"  # a deadline such as 2023年12月 (number = year*100 + month)
    GRADE = "grade"  # a qualitative word mapped to a band: 满意, 基本满意, 有效 …
    TEXT = "text"  # words that can only be compared by restating them: 不高于社会平均
    UNUSED = "unused"  # the placeholder of an unused 二级 row: *, 0 on a * row, blank
    UNREADABLE = "unreadable"  # could not be read; needs judgement (reason in ``note``)


class Grade(StrEnum):
    """The three qualitative bands of the method."""

    ACHIEVED = "achieved"  # 达成年度指标: 80%–100%
    PARTIAL = "partial"  # 部分达成年度指标并具有一定效果: 60%–80%
    NOT_ACHIEVED = "not_achieved"  # 未达成年度指标且效果较差: 0–60%


class ParsedValue(Frozen):
    """A 年度指标值 or 实际完成值 as read by ``domain.record.values.parse_value``."""

    raw: str
    kind: ValueKind
    comparator: Comparator | None = None
    number: Decimal | None = None  # multipliers applied: 94.8万 → 948000; 90% → 90 with unit "%"
    unit: str = ""
    grade: Grade | None = None
    direction_hint: Direction | None = None  # what the wording alone implies (以内 → reverse)
    note: str = ""  # why it needs judgement, or what was assumed
