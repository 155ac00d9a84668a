"""The lazy object core every model is built on.

A model class declares its public fields with types (attrs fields, through
:func:`field` and :func:`model`).  An object is made from its identity plus
whatever JSON is at hand, with no request.  The rules, each one tested by
counting requests:

* reading a declared field that is loaded is a plain attribute read;
* reading a declared field that is not loaded, on an object not yet fully
  fetched, makes exactly one GET of the object's endpoint, fills every field
  and sets ``_has_fetched``; reading it again costs nothing;
* names that start with ``_``, and names that are neither declared nor loaded,
  raise ``AttributeError`` at once (``hasattr(obj, 'typo')`` is free);
* ``repr``, ``str``, ``==``, ``hash``, ``dir``, ``copy``, ``deepcopy`` and
  ``pickle`` never make a request; a pickled object carries no credentials;
* tab completion (rlcompleter in ``python -i`` and ``pyimgur repl``, IPython,
  jedi) lists every field and never makes a request: an unloaded field read
  by a completer raises ``AttributeError`` instead of loading;
* fields Imgur sends that the class does not declare are kept as attributes;
* a field whose JSON has the wrong type does not break construction: reading
  it raises :class:`~pyimgur.exceptions.InvalidResponse` naming the field.
"""

from __future__ import annotations

import copy as _copy
import inspect
import re
import sys
from collections.abc import Mapping
from types import FrameType, MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Optional, TypeVar, Union

import attrs

from ..endpoints import Endpoint
from ..exceptions import ImgurError, InvalidResponse
from ..plan import Fetch, Plan, run

if TYPE_CHECKING:
    from ..imgur import Imgur
    from .gallery_item import Gallery_item

__all__ = [
    "MODELS",
    "Basic_object",
    "ModelRef",
    "field",
    "forget",
    "is_loaded",
    "keep",
    "lazy_ref",
    "loaded",
    "model",
    "peek",
    "resolve",
]

T = TypeVar("T", bound="Basic_object")
M = TypeVar("M", bound="Basic_object")
#: ``converter(json_value, owner) -> attribute value``
Converter = Callable[[Any, "Basic_object"], Any]
#: a model class, or a function of no arguments returning it (for a class whose
#: module imports this one, or the class being defined): read at first use
ModelRef = Union[type[M], Callable[[], type[M]]]
#: every model class by name: a catalogue for tests and tools (nothing finds a
#: class through it; code passes the class itself)
MODELS: dict[str, type[Basic_object]] = {}

_INT_TEXT = re.compile(r"-?[0-9]{1,30}")
_SIMPLE_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
}


def field(
    json: Optional[str] = None,
    *,
    convert: Optional[Converter] = None,
    doc: str = "",
    default: Any = None,
) -> Any:
    """Declare a model field.

    :param json: the key in Imgur's JSON, when it differs from the field name.
    :param convert: turns the JSON value into the attribute value.
    :param doc: one line for ``help()`` and the API reference.
    :param default: the value once the object is fully fetched and Imgur did
        not send the key.
    """
    return attrs.field(default=default, metadata={"json": json, "convert": convert, "doc": doc})


def model(cls: type[T]) -> type[T]:
    """Class decorator: make ``cls`` an attrs class of lazy fields and register it."""
    cls = attrs.define(
        slots=False, init=False, repr=False, eq=False, order=False, match_args=False
    )(cls)
    # attrs adds it with init=False; objects are made by Basic_object.__init__
    if "__attrs_init__" in cls.__dict__:
        delattr(cls, "__attrs_init__")
    json_map: dict[str, list[tuple[str, Optional[Converter], tuple[type, ...]]]] = {}
    defaults: dict[str, Any] = {}
    lines = []
    for attribute in attrs.fields(cls):  # type: ignore[arg-type]
        key = attribute.metadata.get("json") or attribute.name
        convert = attribute.metadata.get("convert")
        expected = _expected_types(attribute.type)
        json_map.setdefault(key, []).append((attribute.name, convert, expected))
        defaults[attribute.name] = attribute.default
        type_name = str(attribute.type).replace("typing.", "")
        lines.append(f":ivar {attribute.name}: {attribute.metadata.get('doc') or ''}")
        lines.append(f":vartype {attribute.name}: {type_name}")
    cls._json_map = json_map
    # keys read into one field with no converter: the fast path of _populate
    cls._plain_map = {
        key: (targets[0][0], frozenset(targets[0][2]) if targets[0][2] else None)
        for key, targets in json_map.items()
        if len(targets) == 1 and targets[0][1] is None
    }
    cls._stored_as = {}
    cls._defaults = defaults
    cls._field_names = frozenset(defaults)
    if lines:
        cls.__doc__ = inspect.cleandoc(cls.__doc__ or "") + "\n\n" + "\n".join(lines) + "\n"
    MODELS[cls.__name__] = cls
    return cls


def _expected_types(annotation: Any) -> tuple[type, ...]:
    """The Python types a simple annotation such as ``Optional[int]`` allows."""
    text = str(annotation).replace("typing.", "").replace(" ", "")
    if text.startswith("Optional[") and text.endswith("]"):
        text = text[len("Optional[") : -1]
    return _SIMPLE_TYPES.get(text, ())


def peek(obj: Basic_object, name: str, default: Any = None) -> Any:
    """The value of ``obj``'s field ``name`` if it is loaded, else ``default``.

    Never makes a request, in either flavour: use it wherever a line must not
    load the object (an unloaded field would make a sync object load itself).
    """
    return obj.__dict__.get(name, default)


def is_loaded(obj: Basic_object, name: str) -> bool:
    """Is ``obj``'s field ``name`` loaded (even if its value is None)?  No request."""
    return name in obj.__dict__


def loaded(obj: Basic_object) -> Mapping[str, Any]:
    """A read-only view of every loaded field of ``obj`` (private ones included).

    No request: for code that goes through all the fields at hand (output,
    copies).  Reading one field is :func:`peek`.
    """
    return MappingProxyType(obj.__dict__)


def keep(obj: Basic_object, **fields: Any) -> None:
    """Set loaded fields of ``obj`` to what an action just did.

    This changes local state only: no request, nothing sent to Imgur, and no
    type check (the caller passes what the answer or the call made true).
    """
    obj.__dict__.update(fields)


def forget(obj: Basic_object, *names: str) -> None:
    """Unload fields of ``obj`` (local state only, no request): the next read
    of one of them loads the object again, if it is declared."""
    for name in names:
        obj.__dict__.pop(name, None)


def resolve(ref: ModelRef[M]) -> type[M]:
    """The class a :data:`ModelRef` stands for."""
    return ref if isinstance(ref, type) else ref()


def _check_ref(ref: Any) -> None:
    if not callable(ref):  # a class name, say: classes are passed, never named
        raise TypeError(f"expected a model class or a function returning one, got {ref!r}")


def gallery_class(json: Any) -> type[Gallery_item]:
    """``Gallery_album`` or ``Gallery_image``, as the JSON's ``is_album`` says."""
    from .gallery_album import Gallery_album  # these modules import this one
    from .gallery_image import Gallery_image

    album = isinstance(json, dict) and bool(json.get("is_album"))
    return Gallery_album if album else Gallery_image


def gallery_item(session: Any, json: dict[str, Any], has_fetched: bool = False) -> Gallery_item:
    """A ``Gallery_album`` or ``Gallery_image`` of ``session``'s flavour, as the
    JSON's ``is_album`` says (no request)."""
    made: Gallery_item = session.make(gallery_class(json), json, has_fetched)
    return made


def lazy_ref(ref: ModelRef[Any], key: str = "id") -> Converter:
    """A converter making a lazy object of class ``ref`` (in its owner's flavour)
    from an id or a JSON dict."""
    _check_ref(ref)
    target: list[type[Basic_object]] = []  # ``ref`` resolved at first use

    def convert(value: Any, owner: Basic_object) -> Any:
        if value is None or value == "" or value is False:
            return None
        if not target:
            target.append(resolve(ref))
        cls = owner._flavour_of(target[0])
        if isinstance(value, dict):
            return cls(value, owner._imgur, has_fetched=False)
        if not isinstance(value, (str, int)):
            raise TypeError(f"expected an id or an object, got {type(value).__name__}")
        return cls({key: value}, owner._imgur, has_fetched=False)

    return convert


def list_of(ref: ModelRef[Any]) -> Converter:
    """A converter making a list of partial objects of class ``ref`` (in its
    owner's flavour) from a JSON list."""
    _check_ref(ref)
    target: list[type[Basic_object]] = []  # ``ref`` resolved at first use

    def convert(value: Any, owner: Basic_object) -> Any:
        if value is None:
            return []
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        if not target:
            target.append(resolve(ref))
        cls = owner._flavour_of(target[0])
        imgur = owner._imgur
        return [cls(item, imgur, has_fetched=False) for item in value if isinstance(item, dict)]

    return convert


#: class attributes of attrs and Python internals that ``help(Model)`` leaves out
_HIDDEN_FROM_HELP = frozenset(
    {"__attrs_attrs__", "__attrs_props__", "__attrs_own_setattr__", "__annotations__",
     "__dict__", "__weakref__", "__match_args__", "__attrs_init__"}
)


class _Model_type(type):
    """The type of every model: ``dir(Model)`` (what ``help()`` and pydoc list)
    names the fields and methods a user needs, not attrs' bookkeeping."""

    def __dir__(cls) -> list[str]:
        return [name for name in super().__dir__() if name not in _HIDDEN_FROM_HELP]


class Basic_object(metaclass=_Model_type):
    """Behaviour shared by every pyimgur model: lazy loading, identity, ``refresh()``.

    Models are normally made by :class:`~pyimgur.Imgur` methods, not directly.

    :param json_dict: what is known of the object (at least its identity).
    :param imgur: the :class:`~pyimgur.Imgur` object it loads itself through.
    :param has_fetched: ``True`` when ``json_dict`` is the full object.
    """

    #: the endpoint that returns the full object (``None``: cannot be fetched)
    _endpoint: ClassVar[Optional[Endpoint]] = None
    #: the field that identifies the object
    _id_field: ClassVar[str] = "id"
    #: loaded fields shown by ``repr`` besides the identity
    _repr_fields: ClassVar[tuple[str, ...]] = ("title",)
    _json_map: ClassVar[dict[str, list[tuple[str, Optional[Converter], tuple[type, ...]]]]] = {}
    _plain_map: ClassVar[dict[str, tuple[str, Optional[frozenset[type]]]]] = {}
    _stored_as: ClassVar[dict[str, str]] = {}
    #: field name -> its JSON key, filled by ``_json_key`` as they are asked for
    _json_keys: ClassVar[dict[str, str]] = {}
    _defaults: ClassVar[dict[str, Any]] = {}
    _field_names: ClassVar[frozenset[str]] = frozenset()

    _imgur: Optional[Imgur]
    _has_fetched: bool

    def __init__(
        self, json_dict: dict[str, Any], imgur: Optional[Imgur], has_fetched: bool = True
    ) -> None:
        self._imgur = imgur
        self._has_fetched = has_fetched
        self._populate(json_dict)

    @staticmethod
    def _flavour_of(model: type[M]) -> type[M]:
        """``model`` in the flavour of this object (related objects are made of
        it): the sync flavour's classes are the models themselves."""
        return model

    # -- loading ----------------------------------------------------------------------
    def _populate(self, json_dict: Any) -> None:
        """Set every field from ``json_dict``; never raises for a bad value."""
        if not isinstance(json_dict, dict):
            return
        state = self.__dict__
        malformed: dict[str, str] = state.get("_malformed") or {}
        klass = type(self)
        json_map = klass._json_map
        plain_map = klass._plain_map
        for key, value in json_dict.items():
            plain = plain_map.get(key)
            if plain is not None:
                name, allowed = plain
                if value is None or allowed is None or type(value) in allowed:
                    state[name] = value  # the common case: already the declared type
                    if malformed:
                        malformed.pop(name, None)
                    continue
            targets = json_map.get(key)
            if targets is None:
                state[_stored_name(klass, key)] = value
                continue
            for name, convert, expected in targets:
                try:
                    if convert is not None:
                        value_out = convert(value, self)
                    else:
                        value_out = _checked(value, expected)
                except (TypeError, ValueError, KeyError, AttributeError) as problem:
                    malformed[name] = f"Imgur sent {_short(value)} for '{key}': {problem}"
                    state.pop(name, None)
                    continue
                if malformed:
                    malformed.pop(name, None)
                state[name] = value_out
        if malformed:
            state["_malformed"] = malformed

    def _path_params(self) -> dict[str, Any]:
        """Keyword arguments that fill the path of :attr:`_endpoint`."""
        return {"id": self.__dict__.get(self._id_field)}

    def _fetch(self, use_cache: bool) -> None:
        """Load every field (1 GET, single-flight; see :mod:`pyimgur.cache`)."""
        if self.__dict__.get("_imgur") is None:
            raise AttributeError(
                f"{type(self).__name__} is detached from any Imgur object (was it unpickled?);"
                " attach it with imgur.attach(obj) to load it"
            )
        run(self._load_plan(use_cache), self._imgur)

    def _load_plan(self, use_cache: bool) -> Plan[None]:
        """Load every field: 1 GET of the object's endpoint (none when it has none).

        The answer must be this object (:meth:`_check_answer`); the fields are
        set by the task that fetched before any other task waiting for the same
        fetch wakes (``settle``)."""
        state = self.__dict__
        endpoint = type(self)._endpoint
        if endpoint is None:
            self._has_fetched = True
            return
        if use_cache and state.get("_has_fetched", True):
            return  # another thread or task loaded it meanwhile
        settled = []

        def settle(data: Any) -> None:
            self._populate(data)
            self._has_fetched = True
            settled.append(True)

        data = yield Fetch(endpoint, self._path_params(), use_cache, self._check_answer, settle)
        if not settled and not (use_cache and state.get("_has_fetched", True)):
            settle(data)

    def _expected_identity(self) -> Any:
        """The identity an answer must carry (``None``: any answer is this object)."""
        return self._identity

    @staticmethod
    def _same_identity(found: Any, expected: Any) -> bool:
        """Does an answer's identity ``found`` name the object whose identity is ``expected``?"""
        return type(found) is type(expected) and bool(found == expected)

    def _check_answer(self, data: dict[str, Any]) -> None:
        """Refuse an answer that is not this object: its id is missing, of another
        type, or another value.  So loading never changes ``==`` or ``hash``."""
        expected = self._expected_identity()
        if expected is None:
            return
        klass = type(self)
        key = _json_key(klass, klass._id_field)
        value = data.get(key)
        if type(value) is type(expected) and value == expected:
            return  # the common case, without building a probe object
        probe = klass.__new__(klass)
        probe.__dict__.update(_imgur=None, _has_fetched=True)
        probe._populate({key: value})
        found = probe._identity
        if found is None or found == "" or not self._same_identity(found, expected):
            endpoint = klass._endpoint
            raise InvalidResponse(
                f"asked for the {klass.__name__} {expected!r}, Imgur answered"
                f" with '{key}' {_short(value)}",
                method=endpoint.method if endpoint else None,
                path="/" + endpoint.format(**self._path_params()) if endpoint else None,
            )

    def _need(self, *names: str) -> Plan[None]:
        """Load the object (1 request) unless every field in ``names`` is here.

        Plans call this before reading fields, so that the async flavour, whose
        objects never load on attribute access, reads the same values."""
        state = self.__dict__
        if not state.get("_has_fetched", True) and any(name not in state for name in names):
            yield from self._load_plan(use_cache=True)

    def _load_missing(self, name: str) -> None:
        """Called when the unloaded field ``name`` is read: the sync flavour loads."""
        self._fetch(use_cache=True)

    @property
    def _client(self) -> Imgur:
        """The :class:`~pyimgur.Imgur` object this one acts through (for actions)."""
        imgur: Optional[Imgur] = self.__dict__.get("_imgur")
        if imgur is None:
            raise ImgurError(
                f"{type(self).__name__} is detached from any Imgur object (was it unpickled?);"
                " attach it with imgur.attach(obj) first"
            )
        return imgur

    def _forget_cached(self) -> None:
        """Drop the shared-fetch copy of this object after an action changed it,
        so another object for the same thing loads the new state (no request)."""
        imgur = self.__dict__.get("_imgur")
        endpoint = type(self)._endpoint
        if imgur is not None and endpoint is not None:
            imgur.forget(endpoint, self._path_params())

    def refresh(self: T) -> T:
        """Load the newest values of every field from Imgur (always 1 request).

        Returns the object itself, so calls can be chained.
        """
        self._fetch(use_cache=False)
        return self

    def __getattr__(self, name: str) -> Any:
        # Only called when normal lookup failed: the field is not loaded.
        if name.startswith("_"):
            raise AttributeError(name)
        klass = type(self)
        state = self.__dict__
        if name not in klass._field_names:
            raise AttributeError(f"{klass.__name__!r} object has no attribute {name!r}")
        if not state.get("_has_fetched", True):
            if _completing():
                # tab completion tries getattr on every name: list it, load nothing
                raise AttributeError(name)
            self._load_missing(name)
            if name in state:
                return state[name]
        malformed = state.get("_malformed")
        if malformed and name in malformed:
            raise InvalidResponse(f"field '{name}' of {klass.__name__}: {malformed[name]}")
        return klass._defaults[name]

    # -- identity and friends: never a request ------------------------------------------------
    @property
    def _identity(self) -> Any:
        return self.__dict__.get(self._id_field)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        mine = self._identity
        return mine is not None and bool(mine == other._identity)

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        identity = self._identity
        return hash((type(self).__name__, identity)) if identity is not None else id(self)

    def __repr__(self) -> str:
        state = self.__dict__
        parts = [f"{self._id_field}={state.get(self._id_field)!r}"]
        for name in self._repr_fields:
            if state.get(name) is not None:
                value = state[name]
                text = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
                parts.append(f"{name}={text}")
        return f"<{type(self).__name__} {' '.join(parts)}>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | self._field_names)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_imgur"] = None  # no session, no credentials in a pickle
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __copy__(self: T) -> T:
        clone = type(self).__new__(type(self))
        clone.__dict__.update(self.__dict__)
        return clone

    def __deepcopy__(self: T, memo: dict[int, Any]) -> T:
        clone = type(self).__new__(type(self))
        memo[id(self)] = clone
        for key, value in self.__dict__.items():
            clone.__dict__[key] = value if key == "_imgur" else _copy.deepcopy(value, memo)
        return clone


#: modules whose attribute reads are a shell completing a name, never a program
_COMPLETERS = ("rlcompleter", "IPython.core.completer", "jedi.")
#: how far up the stack a completer is looked for (a property read in between)
_COMPLETER_DEPTH = 6


def _completing() -> bool:
    """Is this attribute read made by a shell's tab completion (the plain
    interpreter's and ``pyimgur repl``'s rlcompleter, IPython, jedi)?  Looked
    up only before a request would be made, so it costs nothing otherwise."""
    try:
        frame: Optional[FrameType] = sys._getframe(2)
    except ValueError:  # no caller that deep
        return False
    for _ in range(_COMPLETER_DEPTH):
        if frame is None:
            return False
        module = frame.f_globals.get("__name__") or ""
        if module.startswith(_COMPLETERS):
            return True
        frame = frame.f_back
    return False


def _stored_name(klass: type[Basic_object], key: str) -> str:
    """Where an undeclared JSON key is kept: as is, or with a trailing ``_`` when
    it would clash with a field, a method or internal state (remembered per class)."""
    name = klass._stored_as.get(key)
    if name is None:
        clash = key.startswith("_") or key in klass._field_names or hasattr(klass, key)
        name = key + "_" if clash else key
        if len(klass._stored_as) < 1024:
            klass._stored_as[key] = name
    return name


def _json_key(klass: type[Basic_object], name: str) -> str:
    """The key in Imgur's JSON that fills the field ``name`` (found once per class)."""
    known: dict[str, str] = klass.__dict__.get("_json_keys") or {}
    if name not in known:
        found = next(
            (key for key, targets in klass._json_map.items()
             if any(target[0] == name for target in targets)),
            name,
        )
        known = {**known, name: found}
        klass._json_keys = known
    return known[name]


def _checked(value: Any, expected: tuple[type, ...]) -> Any:
    """Check a JSON value against a simple type, coercing Imgur's numeric strings."""
    if value is None or not expected:
        return value
    if isinstance(value, bool):
        if bool in expected:
            return value
    elif isinstance(value, expected):
        return value
    if int in expected and isinstance(value, str) and _INT_TEXT.fullmatch(value.strip()):
        return int(value)
    if bool in expected and isinstance(value, (int, str)) and value in (0, 1, "0", "1"):
        return value in (1, "1")
    names = "/".join(t.__name__ for t in expected)
    raise TypeError(f"expected {names}")


def _short(value: Any) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 40 else text[:37] + '...'}"
